//! Where Chainward may connect on a tenant's behalf (webhooks): public addresses only. Loopback,
//! private, link-local, unique-local, shared, multicast and cloud-metadata addresses are
//! refused, for IPv4 and IPv6 (also IPv4 inside IPv6), after DNS resolution too: the webhook
//! client resolves through [`Egress`], so it connects to the very address that was checked.
//! An operator may allow ranges explicitly (`CHAINWARD_WEBHOOK_ALLOW=127.0.0.1/32,10.1.0.0/16`).
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// The message a tenant reads when its webhook points at a refused address.
pub const REFUSED: &str = "refused: private address";

/// A range of addresses, `10.0.0.0/8` or `fd00::/8`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl std::str::FromStr for Cidr {
    type Err = String;

    fn from_str(text: &str) -> Result<Cidr, String> {
        let (address, prefix) = text.trim().split_once('/').unwrap_or((text.trim(), ""));
        let network: IpAddr = address.parse().map_err(|_| format!("\"{text}\" is not an address range"))?;
        let longest = if network.is_ipv4() { 32 } else { 128 };
        let prefix =
            if prefix.is_empty() { longest } else { prefix.parse().map_err(|_| format!("\"{text}\": bad prefix"))? };
        if prefix > longest {
            return Err(format!("\"{text}\": the prefix is longer than the address"));
        }
        Ok(Cidr { network, prefix })
    }
}

impl Cidr {
    pub fn contains(&self, ip: IpAddr) -> bool {
        let bits = |ip: IpAddr| match ip {
            IpAddr::V4(v4) => (u128::from(u32::from(v4)) << 96, 32u32),
            IpAddr::V6(v6) => (u128::from(v6), 128u32),
        };
        let ((network, width), (address, other)) = (bits(self.network), bits(ip));
        if width != other {
            return false;
        }
        let mask = if self.prefix == 0 { 0 } else { u128::MAX << (128 - u32::from(self.prefix)) };
        network & mask == address & mask
    }
}

/// Whether `ip` is an address on the public internet.
pub fn public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => public_v4(v4),
            None => public_v6(v6),
        },
    }
}

fn public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local() // 169.254.0.0/16, with the cloud metadata address
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space (carrier-grade NAT)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (18..20).contains(&b)) // benchmarking
        || a >= 240)
}

fn public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    let nat64 = ip.segments()[..6] == [0x64, 0xff9b, 0, 0, 0, 0];
    if nat64 {
        let [.., a, b, c, d] = ip.octets();
        return public_v4(Ipv4Addr::new(a, b, c, d));
    }
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local
        || (first & 0xffc0) == 0xfe80 // link local
        || first == 0x2001 && ip.segments()[1] == 0x0db8 // documentation
        || ip.to_ipv4().is_some()) // IPv4-compatible (deprecated) addresses
}

/// The policy: public addresses, and the ranges an operator allowed.
#[derive(Clone, Debug, Default)]
pub struct Egress {
    allowed: Vec<Cidr>,
}

impl Egress {
    /// From `CHAINWARD_WEBHOOK_ALLOW`: ranges separated by commas.
    pub fn allowing(list: &str) -> Result<Egress, String> {
        let allowed = list.split(',').filter(|r| !r.trim().is_empty()).map(str::parse).collect::<Result<_, _>>()?;
        Ok(Egress { allowed })
    }

    pub fn permits(&self, ip: IpAddr) -> bool {
        public(ip) || self.allowed.iter().any(|range| range.contains(ip))
    }

    /// Why a URL may not be called, if it names a refused address literally.
    pub fn refuses_literal(&self, url: &str) -> Option<&'static str> {
        // The URL parser writes every form of an address (decimal, octal, IPv6) canonically.
        let url = reqwest::Url::parse(url).ok()?;
        let host = url.host_str()?.trim_start_matches('[').trim_end_matches(']');
        let ip: IpAddr = host.parse().ok()?;
        (!self.permits(ip)).then_some(REFUSED)
    }
}

impl reqwest::dns::Resolve for Egress {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let policy = self.clone();
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let permitted: Vec<SocketAddr> = found.into_iter().filter(|a| policy.permits(a.ip())).collect();
            if permitted.is_empty() {
                return Err(REFUSED.into());
            }
            Ok(Box::new(permitted.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_special_addresses_are_refused_public_ones_pass() {
        for refused in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a9fe:a9fe",
            "224.0.0.1",
        ] {
            assert!(!public(refused.parse().unwrap()), "{refused}");
        }
        for allowed in ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "64:ff9b::101:101"] {
            assert!(public(allowed.parse().unwrap()), "{allowed}");
        }
    }

    #[test]
    fn operators_allow_ranges_explicitly() {
        let egress = Egress::allowing("127.0.0.1/32, 10.1.0.0/16").unwrap();
        assert!(egress.permits("127.0.0.1".parse().unwrap()));
        assert!(egress.permits("10.1.200.3".parse().unwrap()));
        assert!(!egress.permits("10.2.0.1".parse().unwrap()));
        assert!(Egress::allowing("10.0.0.0/33").is_err());
        assert_eq!(Egress::default().refuses_literal("http://169.254.169.254/latest"), Some(REFUSED));
        assert_eq!(Egress::default().refuses_literal("https://[::1]:8443/x"), Some(REFUSED));
        assert_eq!(Egress::default().refuses_literal("https://hooks.example.com/x"), None);
    }
}
