//! Building result frames column by column, named by their output schema (`schema.rs`).

use crate::error::{Error, Result};
use polars::prelude::*;

/// Collects the columns of one output schema, in its order, into a DataFrame: each column
/// takes the next name of the schema's list, so no frame builder spells a column name.
pub(crate) struct FrameBuilder {
    height: usize,
    names: &'static [&'static str],
    columns: Vec<Column>,
}

impl FrameBuilder {
    /// A frame of `height` rows with the columns `names` (a list of `schema.rs`).
    pub(crate) fn new(names: &'static [&'static str], height: usize) -> Self {
        FrameBuilder {
            height,
            names,
            columns: Vec::with_capacity(names.len()),
        }
    }

    /// The name of the next column (empty past the end of the list: `finish` says so).
    fn next_name(&self) -> PlSmallStr {
        self.names
            .get(self.columns.len())
            .map_or(PlSmallStr::EMPTY, |n| (*n).into())
    }

    /// The next column, as text (nulls where `None`).
    pub(crate) fn str(&mut self, values: impl IntoIterator<Item = Option<String>>) {
        let v: Vec<Option<String>> = values.into_iter().collect();
        self.columns.push(Column::new(self.next_name(), v));
    }

    /// The next column, as numbers (nulls where `None`).
    pub(crate) fn f64(&mut self, values: impl IntoIterator<Item = Option<f64>>) {
        let v: Vec<Option<f64>> = values.into_iter().collect();
        self.columns.push(Column::new(self.next_name(), v));
    }

    /// The next column, as true/false (nulls where `None`).
    pub(crate) fn bool(&mut self, values: impl IntoIterator<Item = Option<bool>>) {
        let v: Vec<Option<bool>> = values.into_iter().collect();
        self.columns.push(Column::new(self.next_name(), v));
    }

    /// The frame; `context` says what was being computed if it fails.
    ///
    /// # Errors
    /// When the columns built are not those of the list (a builder out of step with its
    /// schema, which the tests of each builder rule out), or polars fails.
    pub(crate) fn finish(self, context: &str) -> Result<DataFrame> {
        if self.columns.len() != self.names.len() {
            return Err(Error::InvalidArgument(format!(
                "{context}: {} columns were built for the {} of the output's schema ({})",
                self.columns.len(),
                self.names.len(),
                self.names.join(",")
            )));
        }
        DataFrame::new(self.height, self.columns).map_err(|e| Error::polars(context, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_take_the_names_of_the_list_in_order() {
        const NAMES: [&str; 3] = ["a", "b", "c"];
        let mut b = FrameBuilder::new(&NAMES, 1);
        b.str([Some("x".to_string())]);
        b.f64([Some(1.0)]);
        b.bool([None]);
        let frame = b.finish("test").unwrap();
        let names: Vec<&str> = frame
            .get_column_names()
            .iter()
            .map(|s| s.as_str())
            .collect();
        assert_eq!(names, NAMES);
        // A builder out of step with its list is an error, not a frame with other columns.
        let mut b = FrameBuilder::new(&NAMES, 1);
        b.f64([Some(1.0)]);
        let err = b.finish("the test").unwrap_err().to_string();
        assert!(
            err.contains("the test: 1 columns were built for the 3"),
            "{err}"
        );
        let mut b = FrameBuilder::new(&NAMES[..1], 1);
        b.f64([Some(1.0)]);
        b.f64([Some(2.0)]);
        assert!(b.finish("the test").is_err());
    }
}
