//! compliance content
