/* `matou doctor`: the troubleshooting checks from a terminal, without a display or a session bus. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit status: 0 all ok, 1 warnings only, 2 a check failed, 3 could not run. */
#define MATOU_DOCTOR_EXIT_COULD_NOT_RUN 3

/* @argv[0] is "doctor". */
int matou_doctor_command_run (int    argc,
                              char **argv);

G_END_DECLS
