/* A command or file from the Compare page's content, shown as written, with a button that copies it. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MATOU_TYPE_COMPARE_COMMAND (matou_compare_command_get_type ())
G_DECLARE_FINAL_TYPE (MatouCompareCommand, matou_compare_command, MATOU, COMPARE_COMMAND, AdwBin)

GtkWidget  *matou_compare_command_new         (const char          *command);
const char *matou_compare_command_get_command (MatouCompareCommand *self);
void        matou_compare_command_set_command (MatouCompareCommand *self,
                                               const char          *command);

G_END_DECLS
