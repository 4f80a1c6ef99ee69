//! Building result frames column by column.

use crate::error::{Error, Result};
use polars::prelude::*;

/// Collects named columns of one length into a DataFrame.
pub(crate) struct FrameBuilder {
    height: usize,
    columns: Vec<Column>,
}

impl FrameBuilder {
    /// A frame of `height` rows.
    pub(crate) fn new(height: usize) -> Self {
        FrameBuilder {
            height,
            columns: Vec::new(),
        }
    }

    /// A text column (nulls where `None`).
    pub(crate) fn str(&mut self, name: &str, values: impl IntoIterator<Item = Option<String>>) {
        let v: Vec<Option<String>> = values.into_iter().collect();
        self.columns.push(Column::new(name.into(), v));
    }

    /// A number column (nulls where `None`).
    pub(crate) fn f64(&mut self, name: &str, values: impl IntoIterator<Item = Option<f64>>) {
        let v: Vec<Option<f64>> = values.into_iter().collect();
        self.columns.push(Column::new(name.into(), v));
    }

    /// A true/false column (nulls where `None`).
    pub(crate) fn bool(&mut self, name: &str, values: impl IntoIterator<Item = Option<bool>>) {
        let v: Vec<Option<bool>> = values.into_iter().collect();
        self.columns.push(Column::new(name.into(), v));
    }

    /// The frame; `context` says what was being computed if polars fails.
    pub(crate) fn finish(self, context: &str) -> Result<DataFrame> {
        DataFrame::new(self.height, self.columns).map_err(|e| Error::polars(context, e))
    }
}
