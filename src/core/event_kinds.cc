#include "core/event_kinds.hh"

#include <syslog.h>

#include <array>

namespace hoist {
namespace {

constexpr std::array<EventKindInfo, 22> kKinds = {{
    {EventKind::DeployQueued, "deploy-queued", "a17327bd167d421aacbe780a4d64e339", LOG_INFO,
     "deploy of {revision} queued"},
    {EventKind::DeployStarted, "deploy-started", "c2f606858a1646968926da500fbd8da8", LOG_NOTICE,
     "deploy of {revision} started"},
    {EventKind::StepStarted, "step-started", "9a2953fe74c041f3aa4324ddc0cd6494", LOG_INFO,
     "step {step} started"},
    {EventKind::StepFinished, "step-finished", "192e769b73c54c33b2085b192291fd53", LOG_INFO,
     "step {step} finished"},
    {EventKind::StepFailed, "step-failed", "071e685cccc841fd8d22291903a4ba3f", LOG_ERR,
     "step {step} failed: {result}"},
    {EventKind::ReleaseSwitched, "release-switched", "3d48cbc732e543a79f7954b0c98cd997", LOG_NOTICE,
     "current release switched"},
    {EventKind::UnitsRestarted, "units-restarted", "a58e1e66366e464ea054b9800be0958c", LOG_INFO,
     "units restarted"},
    {EventKind::HealthPassed, "health-passed", "81c2ea04827645d69c9723ed5268a510", LOG_INFO,
     "health gate passed"},
    {EventKind::HealthFailed, "health-failed", "421b91812fac404dbc1bc97c81dfb6d2", LOG_WARNING,
     "health gate failed: {result}"},
    {EventKind::DeploySucceeded, "deploy-succeeded", "4034a453faa745069e499dc10a178faf", LOG_NOTICE,
     "deploy of {revision} succeeded"},
    {EventKind::DeployFailed, "deploy-failed", "6983bec2547645dc95e8e34d44dc5614", LOG_ERR,
     "deploy of {revision} failed at step {step}"},
    {EventKind::RollbackStarted, "rollback-started", "89ac6753111545489b03f448147dc9d1",
     LOG_WARNING, "rollback started"},
    {EventKind::RollbackSucceeded, "rollback-succeeded", "d039da7b972746f8b9f645de177f6806",
     LOG_NOTICE, "rollback succeeded"},
    {EventKind::RollbackFailed, "rollback-failed", "2f1f9a478eb645a1b695e71d83107340", LOG_CRIT,
     "rollback failed: {result}"},
    {EventKind::DeployInterrupted, "deploy-interrupted", "fac0696cbdb34a8ea16594287f898643",
     LOG_WARNING, "deploy of {revision} interrupted"},
    {EventKind::DeployCanceled, "deploy-canceled", "d3a21a570fb04232ac0718c22ee1db93", LOG_NOTICE,
     "deploy of {revision} canceled"},
    {EventKind::DeployPending, "deploy-pending", "df45b0eabf0f4a4ca54912352c897688", LOG_NOTICE,
     "deploy of {revision} waits for confirmation"},
    {EventKind::RolloutStarted, "rollout-started", "95e73e2f6eb04537967942f396053fa4", LOG_NOTICE,
     "rollout started"},
    {EventKind::RestartStarted, "restart-started", "f6396feb9bd04ee98d60ecb0c97fc752", LOG_INFO,
     "restart started"},
    {EventKind::RestartSucceeded, "restart-succeeded", "3ab4c5c21283414aaf6535a0f545b2e7", LOG_INFO,
     "restart succeeded"},
    {EventKind::RestartFailed, "restart-failed", "54b5a228a92843a3a35e8761ab45a9c6", LOG_ERR,
     "restart failed: {result}"},
    {EventKind::RolloutFinished, "rollout-finished", "54ad7db976934aa5a17de1b8e9cc95c7", LOG_NOTICE,
     "rollout finished: {result}"},
}};

constexpr bool table_follows_enum() {
  for (size_t i = 0; i < kKinds.size(); i++)
    if (static_cast<size_t>(kKinds[i].kind) != i) return false;
  return true;
}
static_assert(table_follows_enum(), "kKinds must list every EventKind in enum order");
static_assert(kKinds.back().kind == EventKind::RolloutFinished,
              "kKinds must end with the last kind");

}  // namespace

std::span<const EventKindInfo> event_kinds() { return kKinds; }

const EventKindInfo& event_kind_info(EventKind kind) {
  return kKinds.at(static_cast<size_t>(kind));
}

std::optional<EventKind> event_kind_from_name(std::string_view name) {
  for (const auto& info : kKinds)
    if (info.name == name) return info.kind;
  return std::nullopt;
}

}  // namespace hoist
