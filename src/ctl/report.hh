// Failed calls to hoistd reported on stderr, with the exit status they mean.
#pragma once

#include <string>

#include "ctl/args.hh"
#include "ctl/bus_client.hh"

namespace hoist::ctl {

// Prints e for a call made on behalf of o.verb and returns the exit status:
//  - hoistd unreachable: how it failed and what to check;
//  - an org.hoist.Hoist1.Error.*: hoistd's message, which names what was wrong;
//  - anything else (the bus refused, hoistd vanished, ...): "context: message".
// context is a translated phrase such as "Failed to start api.service".
int report_failure(const Options& o, const CallError& e, const std::string& context);

// "hoistctl" or "hoistctl --user", for commands suggested in messages.
const char* command_for(const Options& o);

}  // namespace hoist::ctl
