//! The portfolio read model: the dashboard and the graph views of a whole organisation.
mod view;
