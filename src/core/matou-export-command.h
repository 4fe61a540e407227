/* `matou export`: this machine's daemon settings, or those given, written as an Ansible playbook or a shell script. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @argv[0] is "export". Exit status: 0 written, 1 refused or failed. */
int matou_export_command_run (int    argc,
                              char **argv);

G_END_DECLS
