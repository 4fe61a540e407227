/* One step of an install plan in the Install page's list: what it does, why, the exact command, and how far it got. */
#pragma once

#include <adwaita.h>

#include "matou-install-plan.h"

G_BEGIN_DECLS

typedef enum {
  MATOU_INSTALL_STEP_STATE_CHECKING,     /* asking whether it is done already */
  MATOU_INSTALL_STEP_STATE_WAITING,
  MATOU_INSTALL_STEP_STATE_RUNNING,
  MATOU_INSTALL_STEP_STATE_DONE,
  MATOU_INSTALL_STEP_STATE_ALREADY_DONE,
  MATOU_INSTALL_STEP_STATE_FAILED,
  MATOU_INSTALL_STEP_STATE_ROLLED_BACK,
} MatouInstallStepState;

#define MATOU_TYPE_INSTALL_STEP_ROW (matou_install_step_row_get_type ())
G_DECLARE_FINAL_TYPE (MatouInstallStepRow, matou_install_step_row, MATOU, INSTALL_STEP_ROW, GtkListBoxRow)

GtkWidget             *matou_install_step_row_new         (guint                   number,
                                                           const MatouInstallStep *step);
const char            *matou_install_step_row_get_step_id (MatouInstallStepRow    *self);
MatouInstallStepState  matou_install_step_row_get_state   (MatouInstallStepRow    *self);
void                   matou_install_step_row_set_state   (MatouInstallStepRow    *self,
                                                           MatouInstallStepState   state);
void                   matou_install_step_row_set_note    (MatouInstallStepRow    *self,
                                                           const char             *note);
gboolean               matou_install_step_state_from_string (const char            *text,
                                                             MatouInstallStepState *state);

G_END_DECLS
