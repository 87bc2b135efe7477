//! The moves each status allows and who may make them: business rules on the register's
//! vocabulary, kept beside the API rather than in `entity` (which only says how values are
//! stored).
use super::{AssessmentStatus, FindingStatus, SupplierStatus};

/// A status with the statuses it may move to.
pub trait Moves: Sized + 'static {
    /// The statuses this one may move to (for the organisation's users).
    fn allowed_next(self) -> &'static [Self];
}

impl Moves for SupplierStatus {
    fn allowed_next(self) -> &'static [SupplierStatus] {
        use SupplierStatus::*;
        match self {
            Prospect => &[Onboarding, Terminated],
            Onboarding => &[Active, Terminated],
            Active => &[Offboarding],
            Offboarding => &[Active, Terminated],
            Terminated => &[Onboarding],
        }
    }
}

impl Moves for AssessmentStatus {
    fn allowed_next(self) -> &'static [AssessmentStatus] {
        use AssessmentStatus::*;
        match self {
            Draft => &[Sent, Cancelled],
            Sent => &[InProgress, Submitted, Cancelled],
            InProgress => &[Submitted, Cancelled],
            Submitted => &[InReview, Cancelled],
            InReview => &[Returned, Completed, Cancelled],
            Returned => &[InProgress, Submitted, Cancelled],
            Completed | Cancelled => &[],
        }
    }
}

/// Where the organisation (an analyst or an administrator) may move a finding. Accepting a
/// risk is a move of its own, with a reason and an expiry.
impl Moves for FindingStatus {
    fn allowed_next(self) -> &'static [FindingStatus] {
        use FindingStatus::*;
        match self {
            Open => &[InProgress, Resolved],
            InProgress => &[Resolved, Open],
            Resolved => &[Verified, Open],
            Verified | RiskAccepted => &[Open],
        }
    }
}

/// Findings still to be fixed: these count as overdue after their due date.
pub const UNRESOLVED_FINDINGS: [FindingStatus; 2] = [FindingStatus::Open, FindingStatus::InProgress];

/// Where the supplier's respondent may move a finding: it works on it and resolves it, but
/// only the organisation verifies or reopens.
pub fn respondent_next(from: FindingStatus) -> &'static [FindingStatus] {
    use FindingStatus::*;
    match from {
        Open => &[InProgress, Resolved],
        InProgress => &[Resolved],
        Resolved | Verified | RiskAccepted => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The statuses reachable from `start` by `next`.
    fn reachable<T: Copy + Eq + std::hash::Hash + 'static>(start: T, next: fn(T) -> &'static [T]) -> HashSet<T> {
        let mut seen = HashSet::from([start]);
        let mut queue = vec![start];
        while let Some(at) = queue.pop() {
            queue.extend(next(at).iter().filter(|to| seen.insert(**to)));
        }
        seen
    }

    #[test]
    fn a_finding_is_verified_only_by_the_organisation_after_it_was_resolved() {
        use FindingStatus::*;
        for from in FindingStatus::ALL {
            assert!(!from.allowed_next().contains(from), "{from} -> {from} is no move");
            // The supplier's moves are a subset of the organisation's, never verification or reopening.
            for to in respondent_next(*from) {
                assert!(from.allowed_next().contains(to), "respondent {from} -> {to}");
                assert!(![Verified, Open, RiskAccepted].contains(to), "respondent {from} -> {to}");
            }
            // Only a resolved finding can be verified.
            assert_eq!(from.allowed_next().contains(&Verified), *from == Resolved, "{from} -> verified");
            // The organisation can reopen anything that is not open.
            assert_eq!(from.allowed_next().contains(&Open), *from != Open, "{from} -> open");
        }
        // Everything but accepting a risk (a move of its own, with a reason) follows from open.
        let from_open = reachable(Open, FindingStatus::allowed_next);
        assert_eq!(from_open, HashSet::from([Open, InProgress, Resolved, Verified]));
        // The supplier's part ends at resolved.
        assert_eq!(reachable(Open, respondent_next), HashSet::from([Open, InProgress, Resolved]));
        assert_eq!(UNRESOLVED_FINDINGS, [Open, InProgress]);
    }

    #[test]
    fn assessments_end_completed_or_cancelled_and_complete_only_after_review() {
        use AssessmentStatus::*;
        for from in AssessmentStatus::ALL {
            let terminal = matches!(from, Completed | Cancelled);
            assert_eq!(from.allowed_next().is_empty(), terminal, "{from}");
            assert_eq!(from.allowed_next().contains(&Cancelled), !terminal, "{from} can be cancelled");
            assert_eq!(from.allowed_next().contains(&Completed), *from == InReview, "{from} -> completed");
        }
        let seen = reachable(Draft, AssessmentStatus::allowed_next);
        assert_eq!(seen.len(), AssessmentStatus::ALL.len(), "every status is reachable from a draft");
    }

    #[test]
    fn a_supplier_reaches_every_status_and_returns_from_termination_only_through_onboarding() {
        use SupplierStatus::*;
        assert_eq!(reachable(Prospect, SupplierStatus::allowed_next).len(), SupplierStatus::ALL.len());
        assert_eq!(Terminated.allowed_next(), [Onboarding]);
        assert!(!Prospect.allowed_next().contains(&Active), "a prospect is onboarded before it is active");
    }
}
