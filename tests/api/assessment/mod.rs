//! Assessments from draft to completion: respondents, delegates, campaigns, documents and the reminders around them.
mod campaigns;
mod delegation;
mod evidence;
mod lifecycle;
mod mails;
mod notifications;
mod respondents;
