//! Findings fixed by suppliers, verified by analysts, and the rescoring that follows; one
//! finding as its page shows it.
mod finding_page;
mod workflow;
