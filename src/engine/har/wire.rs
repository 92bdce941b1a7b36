//! A HAR's diagnosis on the wire, so the worker can send it to the page's HAR panel.

use super::{ChainKind, Diagnosis, Failed, Failure, OriginGroup, TokenSeen, TokenUse, Unlisted};
use crate::engine::core::wire::{wire_enum, wire_struct, Bad, Reader, Wire, Writer};

impl Wire for Failed {
    fn put(&self, w: &mut Writer) {
        match self {
            Failed::Auth(status) => {
                w.int(0);
                status.put(w);
            }
            Failed::Preflight => w.int(1),
            Failed::Cors => w.int(2),
        }
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Bad> {
        Ok(match r.tag(3)? {
            0 => Failed::Auth(Wire::get(r)?),
            1 => Failed::Preflight,
            _ => Failed::Cors,
        })
    }
}

wire_enum!(ChainKind {
    Preflight,
    Redirect
});
wire_struct!(Failure {
    failed,
    origin,
    started,
    chain,
    chain_kind,
    count,
    calls,
    report,
    credential
});
wire_struct!(OriginGroup { origin, failures });
wire_struct!(Diagnosis {
    entries,
    creator,
    groups,
    tokens,
    error,
    unlisted
});
wire_struct!(Unlisted {
    calls,
    causes,
    report
});
wire_struct!(TokenSeen {
    label,
    exp,
    uses,
    more_uses
});
wire_struct!(TokenUse { at, call, expired });
