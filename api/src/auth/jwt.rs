//! Access tokens: HS256 JWTs, 15 minutes, with issuer, audience and key id checked strictly.
use crate::error::{ApiError, ApiResult};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const ISSUER: &str = "chainward";
pub const AUDIENCE: &str = "chainward-api";
pub const ACCESS_TOKEN_TTL_SECONDS: i64 = 15 * 60;
/// Shortest accepted signing secret, in bytes.
pub const MIN_SECRET_BYTES: usize = 32;

/// Claims of an access token. The role is not trusted from the token: every request re-reads
/// the user, so that a demoted or deactivated user loses access at once.
#[derive(Debug, Serialize, Deserialize)]
pub struct AccessClaims {
    pub iss: String,
    pub aud: String,
    /// The user id.
    pub sub: Uuid,
    /// The organisation id.
    pub org: Uuid,
    pub iat: i64,
    pub exp: i64,
    pub jti: Uuid,
    /// `respondent` for a supplier's respondent (then `sub` is the invitation and `asm` the
    /// one assessment it may touch); absent for users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asm: Option<Uuid>,
    /// The sign-in (refresh-token family) a user's token belongs to: when it ends (logout,
    /// deactivation, a reused refresh token), the token stops working at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<Uuid>,
}

/// Respondent tokens live longer than a user's: answering takes a while, and there is no
/// refresh token (the invitation link is exchanged again).
pub const RESPONDENT_TOKEN_TTL_SECONDS: i64 = 2 * 60 * 60;

#[derive(Clone)]
pub struct JwtKeys {
    kid: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl JwtKeys {
    pub fn new(secret: &[u8]) -> anyhow::Result<Self> {
        anyhow::ensure!(
            secret.len() >= MIN_SECRET_BYTES,
            "the JWT secret must be at least {MIN_SECRET_BYTES} bytes long"
        );
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        Ok(JwtKeys {
            kid: super::secret::sha256_hex(secret)[..12].to_owned(),
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        })
    }

    pub fn issue(&self, user_id: Uuid, organisation_id: Uuid, session: Uuid) -> ApiResult<(String, i64)> {
        let now = chrono::Utc::now().timestamp();
        let claims = AccessClaims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: user_id,
            org: organisation_id,
            iat: now,
            exp: now + ACCESS_TOKEN_TTL_SECONDS,
            jti: Uuid::new_v4(),
            kind: None,
            asm: None,
            sid: Some(session),
        };
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(self.kid.clone());
        let token = encode(&header, &claims, &self.encoding).map_err(ApiError::internal)?;
        Ok((token, ACCESS_TOKEN_TTL_SECONDS))
    }

    /// A token for the respondent of one invitation, scoped to its assessment.
    pub fn issue_respondent(
        &self,
        invitation_id: Uuid,
        organisation_id: Uuid,
        assessment_id: Uuid,
    ) -> ApiResult<(String, i64)> {
        let now = chrono::Utc::now().timestamp();
        let claims = AccessClaims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: invitation_id,
            org: organisation_id,
            iat: now,
            exp: now + RESPONDENT_TOKEN_TTL_SECONDS,
            jti: Uuid::new_v4(),
            kind: Some("respondent".into()),
            asm: Some(assessment_id),
            sid: None,
        };
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(self.kid.clone());
        let token = encode(&header, &claims, &self.encoding).map_err(ApiError::internal)?;
        Ok((token, RESPONDENT_TOKEN_TTL_SECONDS))
    }

    /// Accepts only HS256 tokens signed with our key, unexpired, for our issuer and audience.
    pub fn verify(&self, token: &str) -> Option<AccessClaims> {
        // The key id names the key that signed the token; another key's tokens are refused
        // before their signature is even checked (keys rotate by id).
        let header = jsonwebtoken::decode_header(token).ok()?;
        if header.kid.as_deref() != Some(self.kid.as_str()) {
            tracing::debug!(kid = ?header.kid, "rejected access token: unknown key id");
            return None;
        }
        match decode::<AccessClaims>(token, &self.decoding, &self.validation) {
            Ok(data) => Some(data.claims),
            Err(err) => {
                tracing::debug!(error = %err, "rejected access token");
                None
            }
        }
    }
}
