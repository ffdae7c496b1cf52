//! The workspace's own settings: the signed-in role and the simulated date.
//! Both are demo tools (SPEC 8.2), open to every role, and audited.

use super::clock::Timestamp;
use super::date::Date;
use super::workspace::{AuditEntry, Role, Workspace};

/// Signs in as `role`; returns the role it replaced.
pub fn set_role(w: &mut Workspace, role: Role, now: Timestamp, actor: &str) -> Result<Role, std::convert::Infallible> {
    let old = std::mem::replace(&mut w.partner.user.role, role);
    w.audit.push(AuditEntry::new(now, actor, "role_changed").change(Some(old.as_str().into()), Some(role.as_str().into())));
    Ok(old)
}

/// Moves the simulated date (`None`: the real date).
pub fn set_simulated_date(w: &mut Workspace, today: Option<Date>, now: Timestamp, actor: &str) -> Result<(), std::convert::Infallible> {
    let old = std::mem::replace(&mut w.today, today);
    w.audit.push(AuditEntry::new(now, actor, "simulated_date_changed").change(old.map(|d| d.to_string()), today.map(|d| d.to_string())));
    Ok(())
}

/// Notes in an imported workspace that it was imported, from which file.
pub fn record_import(w: &mut Workspace, file_name: &str, now: Timestamp, actor: &str) {
    w.audit.push(AuditEntry::new(now, actor, "workspace_imported").change(None, Some(file_name.to_string())));
}

/// Notes in a fresh demo workspace that it replaced the partner's.
pub fn record_reset(w: &mut Workspace, cloud: crate::domain::catalog::Cloud, now: Timestamp, actor: &str) {
    w.audit.push(AuditEntry::new(now, actor, "workspace_reset").change(None, Some(cloud.as_str().into())));
}
