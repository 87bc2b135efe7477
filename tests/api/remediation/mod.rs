//! Findings fixed by suppliers, verified by analysts, and the rescoring that follows.
mod workflow;
