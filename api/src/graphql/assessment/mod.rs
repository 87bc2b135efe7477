//! Assessments, respondents and their invitations, campaigns, evidence documents.
pub mod answer;
pub mod campaign;
pub mod evidence;
pub mod lifecycle;
pub mod respondent;

use async_graphql::MergedObject;

/// The assessment queries.
#[derive(MergedObject, Default)]
pub struct AssessmentQuery(lifecycle::LifecycleQuery, respondent::RespondentQuery, campaign::CampaignQuery);

/// The assessment mutations.
#[derive(MergedObject, Default)]
pub struct AssessmentMutation(
    lifecycle::LifecycleMutation,
    respondent::RespondentMutation,
    campaign::CampaignMutation,
    evidence::EvidenceMutation,
);
