/* The Settings page's values written for other machines: an Ansible playbook and a shell script. */
#pragma once

#include <glib.h>

#include "matou-apply-request.h"

G_BEGIN_DECLS

/* The playbook's name inside the directory `matou export --ansible DIR` writes. */
#define MATOU_EXPORT_PLAYBOOK_NAME "docker-settings.yml"

char     *matou_export_playbook_text (const MatouApplyRequest  *request,
                                      GError                  **error);
char     *matou_export_script_text   (const MatouApplyRequest  *request,
                                      GError                  **error);

gboolean  matou_export_write_ansible (const MatouApplyRequest  *request,
                                      const char               *dir,
                                      GError                  **error);
gboolean  matou_export_write_script  (const MatouApplyRequest  *request,
                                      const char               *path,
                                      GError                  **error);

G_END_DECLS
