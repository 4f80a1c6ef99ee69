//! One module per subcommand: each owns turning its arguments into library calls.

pub mod areas;
pub mod goals;
pub mod import;
pub mod rates;
pub mod report;
pub mod trend;
