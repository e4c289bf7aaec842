//! SIPAS from survey answers (in progress on the `sipas` branch).
