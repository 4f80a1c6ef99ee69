//! One module per subcommand: each owns turning its arguments into library calls.

pub mod areas;
pub mod chart;
pub mod rates;
pub mod trend;
