//! Range types: created in expand (no table lock), dropped in contract.

use super::objects::with_no_public;
use super::{Draft, StepBuilder};
use crate::ddl;
use crate::model::{ObjectId, RangeType};
use crate::plan::step::Hazard;

pub(super) fn create(r: &RangeType, b: StepBuilder, id: ObjectId) -> Draft {
    b.sql(with_no_public(
        ddl::range::create(r),
        ddl::grant::Target::Type(&r.name),
    ))
    .reverse([ddl::range::drop(&r.name)])
    .no_lock()
    .creating(id)
}

pub(super) fn drop(r: &RangeType, b: StepBuilder, id: ObjectId) -> Draft {
    b.sql([ddl::range::drop(&r.name)])
        .reverse(with_no_public(
            ddl::range::create(r),
            ddl::grant::Target::Type(&r.name),
        ))
        .no_lock()
        .hazard(Hazard::BreaksOldCode)
        .dropping(id)
}
