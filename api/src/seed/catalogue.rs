//! The hand-written demo suppliers of Northwind Logistics, a fictional European haulier with six
//! depots. Names and web domains are invented (domains use the reserved `.example` TLD).
//!
//! The mix is deliberate: mostly well-run active suppliers, a few with gaps for the portal to
//! surface (missing clauses, a contract renewal overdue, renewals due soon), and suppliers in
//! every life-cycle status.
use super::spec::{SupplierSpec, Tier, contract, row};
use crate::domain::SupplierStatus::{Active, Offboarding, Onboarding, Prospect, Terminated};
use crate::domain::{AccessLevel as Access, DataSensitivity as Data, Substitutability as Subst};

pub(super) const CLOUD: &str = "Cloud hosting";
pub(super) const SAAS: &str = "SaaS";
pub(super) const HR: &str = "Payroll & HR";
pub(super) const LOGISTICS: &str = "Logistics software";
pub(super) const SECURITY: &str = "Managed security";
pub(super) const TELECOM: &str = "Telecommunications";
pub(super) const HARDWARE: &str = "Hardware";
pub(super) const CONSULTING: &str = "Consulting";
pub(super) const PAYMENTS: &str = "Payments";
pub(super) const FACILITY: &str = "Facility management";
pub(super) const DEVELOPMENT: &str = "Software development";
pub(super) const ANALYTICS: &str = "Data analytics";

const fn tier(data: Data, access: Access, substitutability: Subst, nis2: bool) -> Tier {
    Tier { data, access, substitutability, nis2 }
}

// Tier profiles shared by similar suppliers, named by what the supplier does for us.
const HOSTING: Tier = tier(Data::Personal, Access::Privileged, Subst::Hard, true);
const CORE: Tier = tier(Data::Confidential, Access::Privileged, Subst::Hard, true);
const CORE_DATA: Tier = tier(Data::Confidential, Access::Data, Subst::Hard, true);
const PERSONAL: Tier = tier(Data::Personal, Access::Data, Subst::Moderate, true);
const SPECIAL: Tier = tier(Data::SpecialCategory, Access::Data, Subst::Hard, true);
const STAFF: Tier = tier(Data::Personal, Access::Data, Subst::Easy, false);
const DEVELOPER: Tier = tier(Data::Personal, Access::Privileged, Subst::Moderate, true);
const ADMIN: Tier = tier(Data::Confidential, Access::Privileged, Subst::Moderate, false);
const CARRIER: Tier = tier(Data::Internal, Access::Network, Subst::Hard, true);
const NETWORK: Tier = tier(Data::Internal, Access::Network, Subst::Moderate, false);
const DEVICE: Tier = tier(Data::None, Access::Network, Subst::Easy, false);
const BUSINESS: Tier = tier(Data::Confidential, Access::Data, Subst::Easy, false);
const LIGHT: Tier = tier(Data::Internal, Access::Data, Subst::Easy, false);
const GOODS: Tier = tier(Data::None, Access::None, Subst::Moderate, false);
const ONSITE: Tier = tier(Data::Internal, Access::None, Subst::Easy, false);
const OFFLINE: Tier = tier(Data::None, Access::None, Subst::Easy, false);

/// Arguments of `row`: legal name, country, category, status, tier, references held
/// (W web site, L LEI, V VAT, D D-U-N-S, R register number), the eight 5.1.4 clauses (P present,
/// A absent, U unknown) and the contract (start year, month, length in months; 0 = open-ended).
pub(super) const SUPPLIERS: &[SupplierSpec<'static>] = &[
    row("Cumulus Nine Hosting GmbH", "DE", CLOUD, Active, HOSTING, "WLVDR", "PPPPPPPP", contract(2022, 3, 60))
        .ict(&["IaaS", "Managed Kubernetes", "Object storage"])
        .about("Primary IaaS provider: hosts the customer portal, the WMS back end and the data warehouse."),
    row("Stratoforge Cloud B.V.", "NL", CLOUD, Active, HOSTING, "WLVD", "PPPPPAPP", contract(2024, 1, 36))
        .ict(&["Virtual machines", "Managed PostgreSQL", "Backup storage"])
        .about("Second region for disaster recovery; also hosts the public website."),
    row("Alpenwolke Rechenzentrum AG", "CH", CLOUD, Active, CARRIER, "WLV", "PPUPPPUP", contract(2020, 6, 0))
        .ict(&["Colocation", "Dedicated servers", "Remote hands"])
        .about("Colocation in Zurich for the on-premises ERP database servers."),
    row("Kuurakko Compute Oy", "FI", CLOUD, Onboarding, LIGHT, "WV", "PUUPUUUU", contract(2026, 11, 24))
        .ict(&["GPU compute", "Object storage"])
        .about("Being onboarded to run the nightly route-optimisation batch jobs."),
    row("Quillbarrow Docs SAS", "FR", SAAS, Active, BUSINESS, "WVD", "PPAPPAPP", contract(2022, 4, 0))
        .ict(&["Document collaboration", "E-signature"])
        .about("Contract drafting, e-signature and the shared policy library."),
    row("Tallyhive Software Ltd", "IE", SAAS, Active, PERSONAL, "WLV", "PPPPAPPP", contract(2024, 7, 36))
        .ict(&["CRM", "Customer support ticketing"])
        .about("CRM and support desk for freight customers; holds contact data of customer staff."),
    row("Ticketbridge Service Desk ApS", "DK", SAAS, Active, LIGHT, "WV", "PPUPPUPP", contract(2023, 2, 0))
        .ict(&["IT service management", "Asset inventory"])
        .about("Internal IT service desk and hardware inventory."),
    row("Mailwhistle Communications Ltd", "GB", SAAS, Active, PERSONAL, "WDR", "PPAPAPAP", contract(2020, 1, 0))
        .ict(&["Hosted e-mail", "Calendar", "Video meetings"])
        .about("Corporate e-mail, calendars and video meetings for all 1,400 staff."),
    row("Muelleo Booking S.L.", "ES", SAAS, Onboarding, STAFF, "WV", "PUUPUUUP", contract(2026, 10, 12))
        .ict(&["Dock slot booking"])
        .about("Dock appointment booking for hauliers; pilot at the Valencia and Lyon depots."),
    row("Ledgerfjell Finance Cloud AB", "SE", SAAS, Active, CORE_DATA, "WLVDR", "PPPPPPPP", contract(2022, 1, 60))
        .ict(&["ERP", "Accounts payable automation", "Consolidation"])
        .about("Finance and ERP suite: general ledger, invoicing and purchasing."),
    row("Ankietron Surveys Sp. z o.o.", "PL", SAAS, Prospect, STAFF, "WV", "UUUUUUUU", None)
        .ict(&["Online surveys"])
        .about("Evaluated for customer satisfaction surveys; no contract yet."),
    row("Pingmeadow Status Inc.", "US", SAAS, Active, OFFLINE, "WD", "PUAUAUUP", contract(2024, 5, 0))
        .ict(&["Status page hosting", "Uptime monitoring"])
        .about("Public status page and external uptime checks of the customer portal."),
    row("Gehaltwerk Payroll GmbH", "DE", HR, Active, SPECIAL, "WLVDR", "PPPPPPPP", contract(2019, 1, 0))
        .ict(&["Payroll processing", "Employee self-service"])
        .about("Payroll for German and Austrian staff; processes health-insurance and sick-leave data."),
    row("Personnelo Talent S.r.l.", "IT", HR, Active, STAFF, "WV", "PPAPUPAP", contract(2024, 6, 36))
        .ict(&["Applicant tracking", "Onboarding workflows", "Careers pages"])
        .about("Recruiting, careers pages and new-hire onboarding workflows."),
    row("Shiftmarten Workforce B.V.", "NL", HR, Active, STAFF, "WV", "PUPPAUPP", contract(2023, 3, 0))
        .ict(&["Shift planning", "Time tracking"])
        .about("Shift planning and time clocks in all warehouses."),
    row("Ceruleo Benefits Lda", "PT", HR, Offboarding, STAFF, "WV", "PAAPAAAP", contract(2019, 1, 96))
        .ict(&["Employee benefits portal"])
        .about("Benefits portal being replaced by Gehaltwerk self-service; data return due in December."),
    row("Routewright Systems GmbH", "AT", LOGISTICS, Active, CORE_DATA, "WLVD", "PPPPPPAP", contract(2021, 10, 60))
        .ict(&["Route optimisation", "Transport management system"])
        .about("Route planning engine integrated with dispatch; contract renewal is overdue."),
    row("Palletpath WMS NV", "BE", LOGISTICS, Active, CORE, "WLVDR", "PPPPPPPP", contract(2020, 4, 0))
        .ict(&["Warehouse management system", "Handheld scanner app"])
        .about("Warehouse management system at all six depots, with remote administration access."),
    row("Dockside Telematix s.r.o.", "CZ", LOGISTICS, Active, CARRIER, "WVD", "PPPUPPUP", contract(2022, 6, 60))
        .ict(&["Fleet telematics", "Driver app back end", "Tachograph download"])
        .about("Telematics boxes and driver app back end in 240 trucks."),
    row("Zollkompass Software GmbH", "DE", LOGISTICS, Active, CORE_DATA, "WLVDR", "PPPPPPPP", contract(2021, 1, 0))
        .ict(&["Customs declarations", "Export control screening"])
        .about("Customs filing software connected to the national customs systems."),
    row("Haulsignal Visibility Inc.", "US", LOGISTICS, Active, LIGHT, "WLD", "PPAPAPUP", contract(2025, 2, 24))
        .ict(&["Shipment tracking API", "ETA prediction"])
        .about("Real-time shipment visibility for customers, fed by our telematics data."),
    row("Mapfenna Geo Oy", "FI", LOGISTICS, Active, OFFLINE, "WV", "PAUPAUUP", contract(2023, 1, 0))
        .ict(&["Map tiles API", "Geocoding"])
        .about("Maps and geocoding for route planning."),
    row("Nightbeacon Cyber Defence Ltd", "IE", SECURITY, Active, CORE, "WLVD", "PPPPPPPP", contract(2023, 9, 48))
        .ict(&["24/7 security operations centre", "Managed detection and response"])
        .about("Monitors endpoints, servers and cloud accounts around the clock."),
    row("Ironlattice Security GmbH", "DE", SECURITY, Active, ADMIN, "WVDR", "PPPPPPPP", contract(2024, 1, 0))
        .ict(&["Penetration testing", "Red teaming"])
        .about("Annual penetration tests of the customer portal and the depot networks."),
    row("Passcairn Identity AB", "SE", SECURITY, Active, HOSTING, "WLV", "PPPPPAPP", contract(2022, 11, 60))
        .ict(&["Single sign-on", "Multi-factor authentication"])
        .about("Identity provider for all staff sign-ins and for the customer portal."),
    row("Mailmoat Filtering SAS", "FR", SECURITY, Onboarding, PERSONAL, "WV", "PPUPUPUU", contract(2026, 11, 36))
        .ict(&["E-mail security gateway"])
        .about("Replacing the legacy spam filter; cut-over planned for January."),
    row("Fibrenorth Carrier A/S", "DK", TELECOM, Active, CARRIER, "WLV", "PPAPAPAP", contract(2021, 5, 0))
        .ict(&["MPLS WAN", "Dedicated internet access"])
        .about("WAN connecting the depots, the headquarters and the colocation site."),
    row("Voxaria Telecom S.p.A.", "IT", TELECOM, Active, NETWORK, "WLV", "PAAPAAPP", contract(2022, 2, 0))
        .ict(&["SIP trunking", "Contact centre telephony"])
        .about("Telephony for the customer service centre."),
    row("Simlynx IoT Connectivity Ltd", "GB", TELECOM, Active, DEVICE, "WD", "PUAPUAUP", contract(2022, 6, 60))
        .ict(&["IoT SIM cards", "Private APN"])
        .about("Mobile data for the telematics boxes."),
    row("Polwave Mobile Sp. z o.o.", "PL", TELECOM, Active, OFFLINE, "V", "PAAPAAAP", contract(2023, 4, 0))
        .ict(&["Mobile phone contracts"])
        .about("Staff mobile phones in Poland."),
    row("Toughgrip Devices GmbH", "AT", HARDWARE, Active, GOODS, "WVD", "PUAUAPUP", contract(2022, 8, 0))
        .ict(&["Rugged handheld scanners", "Device repair"])
        .about("Handheld scanners for warehouse staff, including the repair service."),
    row("Labelwright Print Systems B.V.", "NL", HARDWARE, Active, DEVICE, "WV", "PAAPAAUP", contract(2021, 2, 0))
        .ict(&["Label printers", "Printer maintenance"])
        .about("Thermal label printers at all depots."),
    row("Rackforge Hardware s.r.o.", "CZ", HARDWARE, Active, GOODS, "V", "PUUUAUUP", contract(2020, 6, 0))
        .ict(&["Server hardware", "Spare parts"])
        .about("Server hardware and spare parts for the colocation racks."),
    row("Lumenar Displays S.L.", "ES", HARDWARE, Terminated, OFFLINE, "WV", "AAAAAAAP", contract(2019, 5, 36))
        .ict(&["Dock displays"])
        .about("Former supplier of dock displays; the contract ended in 2022."),
    row("Hollowmere Advisory LLP", "GB", CONSULTING, Active, BUSINESS, "WD", "PPPPPAPP", contract(2025, 3, 24))
        .ict(&["ISMS consulting", "ISO 27001 readiness"])
        .about("Helps run the information security management system."),
    row("Tessorin Compliance AB", "SE", CONSULTING, Onboarding, BUSINESS, "WV", "PPUPUUPP", contract(2026, 12, 6))
        .ict(&["NIS2 gap assessment"])
        .about("NIS2 readiness assessment starting in December."),
    row("Tamarind Loop IT Pvt Ltd", "IN", CONSULTING, Active, ADMIN, "D", "PPAPPAAP", contract(2022, 10, 60))
        .ict(&["Offshore application support", "Second-level support desk"])
        .about("Application support for the WMS and the customer portal outside European hours."),
    row("Cobbleton Payments S.A.", "BE", PAYMENTS, Active, PERSONAL, "WLVDR", "PPPPPPPP", contract(2021, 7, 0))
        .ict(&["Card acquiring", "SEPA direct debit"])
        .about("Collects customer payments in the customer portal."),
    row("Fakturlynx E-Invoicing GmbH", "AT", PAYMENTS, Active, BUSINESS, "WLV", "PPPPAPPP", contract(2024, 1, 48))
        .ict(&["E-invoicing", "Peppol access point"])
        .about("Sends outgoing invoices via Peppol."),
    row("Dieselbrook Fuel Cards Ltd", "IE", PAYMENTS, Active, LIGHT, "WLVD", "PPAPAPAP", contract(2020, 3, 0))
        .ict(&["Fuel cards", "Toll box services"])
        .about("Fuel and toll cards for the fleet."),
    row("Klarhof Facility Services GmbH", "DE", FACILITY, Active, DEVICE, "WVR", "PAPPAUPP", contract(2022, 1, 0))
        .ict(&["Building management system", "Access control"])
        .about("Access control and building management at the headquarters."),
    row("Veilleur Sécurité SARL", "FR", FACILITY, Active, ONSITE, "WV", "PAPPAAAP", contract(2025, 5, 24))
        .ict(&["Alarm monitoring"])
        .about("On-site guarding and alarm monitoring at the Lille depot."),
    row("Brossefine Services NV", "BE", FACILITY, Prospect, OFFLINE, "", "UUUUUUUU", None)
        .about("Depot cleaning; no ICT services, listed to show a supplier outside ICT."),
    row("Codewharf Studio Sp. z o.o.", "PL", DEVELOPMENT, Active, DEVELOPER, "WVD", "PPPPPPAP", contract(2023, 1, 0))
        .ict(&["Custom software development", "Customer portal maintenance"])
        .about("Builds and maintains the customer portal, with access to production."),
    row("Azulejo Pixel Lda", "PT", DEVELOPMENT, Active, LIGHT, "WV", "PPAPPAUP", contract(2024, 9, 36))
        .ict(&["Mobile app development"])
        .about("Develops the driver app."),
    row("Nimbleforge Kft.", "HU", DEVELOPMENT, Onboarding, NETWORK, "WV", "PUUPUUUP", contract(2026, 10, 12))
        .ict(&["API integration", "EDI mapping"])
        .about("EDI integrations with large shippers."),
    row("Insightloom Analytics GmbH", "DE", ANALYTICS, Active, PERSONAL, "WLVD", "PPPPPAPP", contract(2022, 9, 60))
        .ict(&["Managed data warehouse", "BI dashboards"])
        .about("Operates the data warehouse and the management dashboards."),
    row("Quantaroo Data Science S.r.l.", "IT", ANALYTICS, Active, BUSINESS, "WV", "PAPPAAPP", contract(2025, 1, 36))
        .ict(&["Demand forecasting models"])
        .about("Forecasting models for warehouse capacity."),
    row("Metricspire Ltd", "GB", ANALYTICS, Offboarding, LIGHT, "WD", "PAAPAAAA", contract(2020, 2, 84))
        .ict(&["Web analytics"])
        .about("Website analytics, being replaced by a self-hosted tool."),
];
