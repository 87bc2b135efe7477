//! Northwind's own services and the supply chain behind them: which suppliers each service needs,
//! which suppliers rely on other suppliers (fourth parties), and one deliberate cycle so that the
//! portal's graph views and cycle detection have something to show.
use super::catalogue::SUPPLIERS;
use super::register::Register;

pub(super) struct ServiceSpec {
    pub name: &'static str,
    pub description: &'static str,
    /// 1 (low) to 5 (vital).
    pub criticality: i32,
    pub nis2_critical: bool,
    /// (supplier, what the service uses it for)
    pub suppliers: &'static [(&'static str, &'static str)],
}

const fn service(
    name: &'static str,
    criticality: i32,
    nis2_critical: bool,
    description: &'static str,
    suppliers: &'static [(&'static str, &'static str)],
) -> ServiceSpec {
    ServiceSpec { name, description, criticality, nis2_critical, suppliers }
}

pub(super) const SERVICES: &[ServiceSpec] = &[
    service(
        "Customer portal",
        5,
        true,
        "Self-service portal where customers book and track shipments and pay.",
        &[
            ("Cumulus Nine Hosting GmbH", "Runs on Cumulus Nine virtual machines and Kubernetes"),
            ("Codewharf Studio Sp. z o.o.", "Developed and operated by Codewharf"),
            ("Cobbleton Payments S.A.", "Card and direct debit payments"),
            ("Passcairn Identity AB", "Customer sign-in"),
            ("Pingmeadow Status Inc.", "Public status page"),
        ],
    ),
    service(
        "Warehouse management",
        5,
        true,
        "Stock, picking and dispatch in the six depots.",
        &[
            ("Palletpath WMS NV", "The warehouse management system itself"),
            ("Toughgrip Devices GmbH", "Handheld scanners"),
            ("Labelwright Print Systems B.V.", "Shipping label printers"),
            ("Fibrenorth Carrier A/S", "Depot network connectivity"),
            ("Tamarind Loop IT Pvt Ltd", "Night-time application support"),
        ],
    ),
    service(
        "Fleet telematics",
        4,
        true,
        "Positions, driving times and tachograph data of 240 trucks.",
        &[
            ("Dockside Telematix s.r.o.", "Telematics boxes and driver app back end"),
            ("Simlynx IoT Connectivity Ltd", "Mobile data for the telematics boxes"),
            ("Azulejo Pixel Lda", "Driver app development"),
        ],
    ),
    service(
        "Payroll",
        3,
        false,
        "Salaries, working time and benefits of 1,400 staff.",
        &[
            ("Gehaltwerk Payroll GmbH", "Payroll processing"),
            ("Shiftmarten Workforce B.V.", "Working time records"),
            ("Ceruleo Benefits Lda", "Benefits portal, being replaced"),
        ],
    ),
    service(
        "Corporate e-mail",
        3,
        false,
        "E-mail, calendars and video meetings.",
        &[
            ("Mailwhistle Communications Ltd", "Hosted mailboxes"),
            ("Mailmoat Filtering SAS", "Inbound e-mail filtering from January"),
            ("Passcairn Identity AB", "Staff sign-in"),
        ],
    ),
    service(
        "Finance & ERP",
        4,
        false,
        "General ledger, invoicing, purchasing and fleet costs.",
        &[
            ("Ledgerfjell Finance Cloud AB", "ERP suite"),
            ("Fakturlynx E-Invoicing GmbH", "Outgoing e-invoices"),
            ("Alpenwolke Rechenzentrum AG", "Database servers in colocation"),
            ("Rackforge Hardware s.r.o.", "Server hardware"),
            ("Dieselbrook Fuel Cards Ltd", "Fuel and toll transactions"),
        ],
    ),
    service(
        "Route planning",
        4,
        false,
        "Daily tour planning and dispatch.",
        &[
            ("Routewright Systems GmbH", "Route optimisation engine"),
            ("Mapfenna Geo Oy", "Maps and geocoding"),
            ("Kuurakko Compute Oy", "Batch optimisation runs (pilot)"),
        ],
    ),
    service(
        "Customs declarations",
        4,
        true,
        "Import and export declarations for customers' shipments.",
        &[
            ("Zollkompass Software GmbH", "Customs filing software"),
            ("Fibrenorth Carrier A/S", "Connection to the customs systems"),
        ],
    ),
    service(
        "Data warehouse",
        3,
        false,
        "Reporting and forecasting across all operations.",
        &[
            ("Insightloom Analytics GmbH", "Operates the warehouse"),
            ("Cumulus Nine Hosting GmbH", "Storage and compute"),
            ("Quantaroo Data Science S.r.l.", "Forecasting models"),
        ],
    ),
    service(
        "Website",
        2,
        false,
        "Public website and careers pages.",
        &[
            ("Stratoforge Cloud B.V.", "Web hosting"),
            ("Metricspire Ltd", "Visitor analytics"),
            ("Personnelo Talent S.r.l.", "Careers pages and job applications"),
        ],
    ),
];

/// Services that depend on other services: (dependent, provider, why).
pub(super) const SERVICE_EDGES: &[(&str, &str, &str)] = &[
    ("Customer portal", "Route planning", "Shows delivery time windows computed by route planning"),
    ("Data warehouse", "Warehouse management", "Loads stock movements every night"),
];

/// Fourth parties: suppliers that depend on other suppliers. Without `CYCLE` this is acyclic.
pub(super) const SUPPLIER_EDGES: &[(&str, &str, &str)] = &[
    ("Tallyhive Software Ltd", "Cumulus Nine Hosting GmbH", "CRM runs on Cumulus Nine"),
    ("Ledgerfjell Finance Cloud AB", "Stratoforge Cloud B.V.", "ERP hosted in Stratoforge's Amsterdam region"),
    ("Ledgerfjell Finance Cloud AB", "Fakturlynx E-Invoicing GmbH", "ERP sends e-invoices through Fakturlynx"),
    ("Gehaltwerk Payroll GmbH", "Cumulus Nine Hosting GmbH", "Payroll platform hosted on Cumulus Nine"),
    ("Palletpath WMS NV", "Cumulus Nine Hosting GmbH", "WMS back end runs on Cumulus Nine"),
    ("Routewright Systems GmbH", "Mapfenna Geo Oy", "Licenses map data and geocoding"),
    ("Routewright Systems GmbH", "Cumulus Nine Hosting GmbH", "Optimisation engine hosted on Cumulus Nine"),
    ("Dockside Telematix s.r.o.", "Simlynx IoT Connectivity Ltd", "SIM cards in the telematics boxes"),
    ("Haulsignal Visibility Inc.", "Dockside Telematix s.r.o.", "Reads truck positions from the telematics platform"),
    ("Insightloom Analytics GmbH", "Cumulus Nine Hosting GmbH", "Warehouse storage on Cumulus Nine"),
    ("Alpenwolke Rechenzentrum AG", "Fibrenorth Carrier A/S", "Uplink of the colocation site"),
    ("Mailwhistle Communications Ltd", "Stratoforge Cloud B.V.", "Mail servers hosted by Stratoforge"),
    ("Cobbleton Payments S.A.", "Stratoforge Cloud B.V.", "Payment gateway hosted by Stratoforge"),
    ("Tamarind Loop IT Pvt Ltd", "Ticketbridge Service Desk ApS", "Works tickets in our service desk"),
    ("Zollkompass Software GmbH", "Alpenwolke Rechenzentrum AG", "Customs server runs in the colocation racks"),
    ("Fakturlynx E-Invoicing GmbH", "Cumulus Nine Hosting GmbH", "Peppol access point hosted on Cumulus Nine"),
    ("Mailmoat Filtering SAS", "Stratoforge Cloud B.V.", "Filtering nodes hosted by Stratoforge"),
];

/// The one deliberate cycle, A -> B -> C -> A.
pub(super) const CYCLE: &[(&str, &str, &str)] = &[
    (
        "Stratoforge Cloud B.V.",
        "Nightbeacon Cyber Defence Ltd",
        "Stratoforge outsources its security monitoring to Nightbeacon (deliberate cycle for demonstration)",
    ),
    (
        "Nightbeacon Cyber Defence Ltd",
        "Passcairn Identity AB",
        "Nightbeacon analysts sign in through Passcairn (deliberate cycle for demonstration)",
    ),
    (
        "Passcairn Identity AB",
        "Stratoforge Cloud B.V.",
        "Passcairn runs its identity service on Stratoforge (deliberate cycle for demonstration)",
    ),
];

/// The business functions suppliers serve for critical services: (service, supplier,
/// function, marked alternative). Where a function has one supplier and no alternative, the
/// portal shows a single point of failure; the customer portal's hosting has a fallback.
pub(super) const FUNCTIONS: &[(&str, &str, &str, bool)] = &[
    ("Customer portal", "Cumulus Nine Hosting GmbH", "hosting", false),
    ("Customer portal", "Stratoforge Cloud B.V.", "hosting", true),
    ("Customer portal", "Cobbleton Payments S.A.", "payments", false),
    ("Customer portal", "Passcairn Identity AB", "sign-in", false),
    ("Warehouse management", "Palletpath WMS NV", "warehouse system", false),
    ("Warehouse management", "Fibrenorth Carrier A/S", "depot connectivity", false),
    ("Fleet telematics", "Dockside Telematix s.r.o.", "telematics", false),
    ("Fleet telematics", "Simlynx IoT Connectivity Ltd", "mobile data", false),
    ("Customs declarations", "Zollkompass Software GmbH", "customs filing", false),
    ("Customs declarations", "Fibrenorth Carrier A/S", "customs connectivity", false),
];

/// Adds the catalogue suppliers, the services and all hand-written dependencies.
pub(super) fn add(register: &mut Register) -> anyhow::Result<()> {
    for spec in SUPPLIERS {
        register.add_supplier(spec)?;
    }
    for spec in SERVICES {
        register.add_service(spec.name, spec.description, spec.criticality, spec.nis2_critical)?;
    }
    for spec in SERVICES {
        for (supplier, why) in spec.suppliers {
            register.link(spec.name, supplier, why)?;
        }
    }
    for (dependent, provider, why) in SERVICE_EDGES.iter().chain(SUPPLIER_EDGES).chain(CYCLE) {
        register.link(dependent, provider, why)?;
    }
    for (service, supplier, function, alternative) in FUNCTIONS {
        register.serve(service, supplier, function, *alternative)?;
    }
    Ok(())
}
