//! The workspace's own settings: the signed-in role and the simulated date.
//! Both are demo tools (docs/rules.md#read-only-role), open to every role, and audited.

use super::clock::Timestamp;
use super::date::Date;
use super::workspace::{AuditAction, AuditEntry, Role, Workspace};

/// Signs in as `role`; returns the role it replaced.
pub fn set_role(
    w: &mut Workspace,
    role: Role,
    now: Timestamp,
    actor: &str,
) -> Result<Role, std::convert::Infallible> {
    let old = std::mem::replace(&mut w.partner.user.role, role);
    w.audit.push(AuditEntry::new(now, actor, AuditAction::RoleChanged { from: old, to: role }));
    Ok(old)
}

/// Moves the simulated date (`None`: the real date).
pub fn set_simulated_date(
    w: &mut Workspace,
    today: Option<Date>,
    now: Timestamp,
    actor: &str,
) -> Result<(), std::convert::Infallible> {
    let old = std::mem::replace(&mut w.today, today);
    w.audit.push(AuditEntry::new(
        now,
        actor,
        AuditAction::SimulatedDateChanged { from: old, to: today },
    ));
    Ok(())
}

/// Notes in an imported workspace that it was imported, from which file.
/// `now` is the clock of the workspace being replaced: the entry is dated on
/// the imported workspace's own simulated date (at the same time of day) and
/// never before its last entry, so it sorts as the newest thing that happened.
pub fn record_import(w: &mut Workspace, file_name: &str, now: Timestamp, actor: &str) {
    let time_of_day = now.0.rem_euclid(86_400_000);
    let mut at = w.today.map_or(now, |today| Timestamp::at(today, time_of_day));
    if let Some(latest) = w.audit.iter().filter_map(|e| Timestamp::parse(&e.at)).max() {
        at = at.max(latest);
    }
    w.audit.push(AuditEntry::new(
        at,
        actor,
        AuditAction::WorkspaceImported { file: file_name.to_string() },
    ));
}

/// Notes in a fresh demo workspace that it replaced the partner's.
pub fn record_reset(
    w: &mut Workspace,
    cloud: crate::domain::catalog::Cloud,
    now: Timestamp,
    actor: &str,
) {
    w.audit.push(AuditEntry::new(now, actor, AuditAction::WorkspaceReset { cloud }));
}
