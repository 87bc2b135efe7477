//! Files answered inside a GraphQL response (in base64 or as text) are held whole in memory on
//! the way out. Above this many suppliers they are refused, and the streamed downloads that
//! carry the same file at any size are named instead.
use crate::auth::{Caller, Permission};
use crate::error::{ApiError, ApiResult};
use crate::service::kernel::lookup;
use entity::supplier;
use sea_orm::{ConnectionTrait, PaginatorTrait};

/// Suppliers a file in a response may cover.
pub const SUPPLIERS: u64 = 10_000;

/// Refuses (LIMIT) when the caller's register is too large for a file in a response, naming
/// `downloads`, the streamed alternatives.
pub async fn fits<C: ConnectionTrait>(db: &C, caller: &Caller, downloads: &str) -> ApiResult<()> {
    caller.require(Permission::Read)?;
    let suppliers = lookup::scoped::<supplier::Entity>(caller).count(db).await?;
    if suppliers > SUPPLIERS {
        return Err(ApiError::Limit(format!(
            "the register holds {suppliers} suppliers and a file in a GraphQL response at most {SUPPLIERS}; \
             download {downloads} instead (streamed, any size)"
        )));
    }
    Ok(())
}
