//! What the register already holds, as much as an import needs: every supplier's identifiers
//! (to find the one a row means: by LEI, then VAT number, then registry number, then legal name
//! and country), the matched suppliers whole with their contacts, and the users who may own one.
use crate::auth::Caller;
use crate::domain::country;
use crate::error::ApiResult;
use crate::service::kernel::{lookup, validate};
use entity::{supplier, supplier_contact, user};
use questionnaires::register::fields::fold;
use questionnaires::register::{Field, SheetRow};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

/// Rows read per query when loading matched suppliers.
const CHUNK: usize = 500;

#[derive(Default)]
pub struct Known {
    by_lei: HashMap<String, Uuid>,
    by_vat: HashMap<String, Uuid>,
    by_registry: HashMap<String, Uuid>,
    by_name: HashMap<(String, String), Uuid>,
    /// Folded legal name -> the suppliers of that name (a dependency row names only that).
    by_name_only: HashMap<String, Vec<Uuid>>,
    /// The matched suppliers, whole.
    pub suppliers: HashMap<Uuid, supplier::Model>,
    pub contacts: HashMap<Uuid, Vec<supplier_contact::Model>>,
    /// Users by lower-case e-mail, and back.
    pub owners: HashMap<String, Uuid>,
    pub owner_emails: HashMap<Uuid, String>,
}

type Keys = (Uuid, String, String, Option<String>, Option<String>, Option<String>);

/// A registry number compared without spaces and case ("HRB 123 B" is "hrb123b").
pub fn registry_key(text: &str) -> String {
    text.split_whitespace().collect::<String>().to_lowercase()
}

impl Known {
    /// Reads the identifiers of every supplier and the organisation's users.
    pub async fn load<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<Known> {
        let mut known = Known::default();
        let keys: Vec<Keys> = lookup::scoped::<supplier::Entity>(caller)
            .select_only()
            .columns([supplier::Column::Id, supplier::Column::LegalName, supplier::Column::Country])
            .columns([supplier::Column::Lei, supplier::Column::VatNumber, supplier::Column::NationalRegistryNumber])
            .into_tuple()
            .all(db)
            .await?;
        for (id, name, country, lei, vat, registry) in keys {
            known.remember(id, &name, &country, lei.as_deref(), vat.as_deref(), registry.as_deref());
        }
        for user in lookup::scoped::<user::Entity>(caller).all(db).await? {
            known.owners.insert(user.email.to_lowercase(), user.id);
            known.owner_emails.insert(user.id, user.email);
        }
        Ok(known)
    }

    fn remember(
        &mut self,
        id: Uuid,
        name: &str,
        country: &str,
        lei: Option<&str>,
        vat: Option<&str>,
        reg: Option<&str>,
    ) {
        if let Some(lei) = lei {
            self.by_lei.entry(lei.to_uppercase()).or_insert(id);
        }
        if let Some(vat) = vat {
            self.by_vat.entry(vat.to_uppercase()).or_insert(id);
        }
        if let Some(registry) = reg {
            self.by_registry.entry(registry_key(registry)).or_insert(id);
        }
        self.by_name.entry((fold(name), country.to_uppercase())).or_insert(id);
        self.by_name_only.entry(fold(name)).or_default().push(id);
    }

    /// The supplier a suppliers-sheet row means, and by which identifier it was found.
    pub fn match_row(&self, row: &SheetRow) -> Option<(Uuid, &'static str)> {
        let text = |field: Field| row.get(field).map(|c| c.text.as_str());
        let by = |map: &HashMap<String, Uuid>, key: Option<String>, how: &'static str| {
            key.and_then(|k| map.get(&k)).map(|id| (*id, how))
        };
        by(&self.by_lei, text(Field::Lei).and_then(|t| validate::lei(t).ok()), "LEI")
            .or_else(|| {
                by(&self.by_vat, text(Field::VatNumber).and_then(|t| validate::vat_number(t).ok()), "VAT number")
            })
            .or_else(|| by(&self.by_registry, text(Field::RegistryNumber).map(registry_key), "registry number"))
            .or_else(|| {
                let name = fold(text(Field::LegalName)?);
                let country = country::code_of(text(Field::Country)?).ok()?;
                self.by_name.get(&(name, country)).map(|id| (*id, "legal name and country"))
            })
    }

    /// The suppliers a dependency row's reference (an LEI or a legal name) can mean.
    pub fn named(&self, reference: &str) -> Vec<Uuid> {
        if let Ok(lei) = validate::lei(reference)
            && let Some(id) = self.by_lei.get(&lei)
        {
            return vec![*id];
        }
        self.by_name_only.get(&fold(reference)).cloned().unwrap_or_default()
    }

    /// Loads the matched suppliers whole, with their contacts, a chunk at a time.
    pub async fn load_matched<C: ConnectionTrait>(&mut self, db: &C, caller: &Caller, ids: &[Uuid]) -> ApiResult<()> {
        for chunk in ids.chunks(CHUNK) {
            for found in lookup::scoped::<supplier::Entity>(caller)
                .filter(supplier::Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?
            {
                self.suppliers.insert(found.id, found);
            }
            for contact in lookup::scoped::<supplier_contact::Entity>(caller)
                .filter(supplier_contact::Column::SupplierId.is_in(chunk.iter().copied()))
                .all(db)
                .await?
            {
                self.contacts.entry(contact.supplier_id).or_default().push(contact);
            }
        }
        Ok(())
    }
}
