/* The troubleshooting checks: stages run in order in a worker thread, each check reported as it is found. */
#pragma once

#include <gio/gio.h>

#include "matou-doctor-check.h"
#include "matou-doctor-knowledge.h"

G_BEGIN_DECLS

#define MATOU_DOCTOR_HUB_URL "https://registry-1.docker.io"

typedef struct {
  const char *socket_path;   /* NULL: the Engine the docker CLI would use (DOCKER_HOST, DOCKER_CONTEXT, currentContext) */
  const char *context;       /* NULL: as the CLI chooses; else this docker context (without socket_path) */
  const char *daemon_json;   /* NULL: the running dockerd's --config-file, else /etc/docker/daemon.json */
  const char *dropin_dir;    /* NULL: /etc/systemd/system/docker.service.d */
  const char *hub_url;       /* NULL: MATOU_DOCTOR_HUB_URL */
  const char *pull_image;    /* NULL: no test pull */
  gboolean    pull_through;  /* pull an image of another registry through a prefix mirror and tag it back (kept) */
  const char *prefix_mirror; /* NULL: the first of data/doctor for the image's registry; else this prefix */
  gboolean    no_network;    /* only the local stages: no packet leaves this computer */
  guint       timeout_seconds; /* per network request; 0: 10 */
} MatouDoctorOptions;

#define MATOU_TYPE_DOCTOR (matou_doctor_get_type ())
G_DECLARE_FINAL_TYPE (MatouDoctor, matou_doctor, MATOU, DOCTOR, GObject)

/*
 * The options are copied. @knowledge (nullable, not copied: it must outlive
 * the doctor) explains a failed pull; without it the error is shown as is.
 *
 * Signals, emitted in the thread-default main context of the caller of
 * matou_doctor_run_async ():
 *   ::stage-started (guint stage)
 *   ::check-added (gpointer check): a MatouCheck owned by the doctor
 *   ::pull-line (const char *line): the test pull's progress, one line per event
 */
MatouDoctor *matou_doctor_new        (const MatouDoctorOptions *options,
                                      const MatouDoctorKnowledge *knowledge);
void         matou_doctor_run_async  (MatouDoctor          *self,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
/* The checks (MatouCheck), in order; fails only when cancelled. */
GPtrArray   *matou_doctor_run_finish (MatouDoctor          *self,
                                      GAsyncResult         *result,
                                      GError              **error);

/* Every check id, in order, with its stage: the list the README documents. */
typedef struct {
  const char      *id;
  MatouDoctorStage stage;
  const char      *title;  /* untranslated (N_): what the check asks, shown when it is skipped */
} MatouCheckId;
const MatouCheckId *matou_doctor_check_ids (guint *n_ids);

G_END_DECLS
