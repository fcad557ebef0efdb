// The `scenario`, `rules` and `alerts` commands of `ordo` (docs/cli.md,
// "Scenarios").
#ifndef ORDO_CLI_SCENARIO_COMMANDS_H_
#define ORDO_CLI_SCENARIO_COMMANDS_H_

#include "cli/commands.h"

namespace ordo::cli {

// Runs request.command "scenario" (request.scenario_action: create, load, list,
// diff, delete), "rules" or "alerts". Returns the exit code as RunCommand does.
int RunScenarioCommand(const Request& request, Io& io);

}  // namespace ordo::cli

#endif  // ORDO_CLI_SCENARIO_COMMANDS_H_
