//! Random credentials and their stored form.
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Prefix of API tokens, so that a bearer value can be told from a JWT without parsing it
/// (and so that secret scanners recognise leaked tokens).
pub const API_TOKEN_PREFIX: &str = "cwk_";

/// 256 random bits, URL-safe.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Tokens are stored as SHA-256: they carry 256 bits of entropy, so a slow hash adds nothing.
pub fn token_hash(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
