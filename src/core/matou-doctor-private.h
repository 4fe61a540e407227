/* What the doctor's stages share: the run's state, gathered as the stages go. */
#pragma once

#include <libsoup/soup.h>

#include "matou-doctor.h"
#include "matou-docker-detect.h"
#include "matou-engine-client.h"
#include "matou-daemon-config.h"

G_BEGIN_DECLS

/* A registry the daemon may pull from: Docker Hub, or a mirror. */
typedef struct {
  char    *url;       /* as configured, "https://mirror.example" */
  char    *host;
  guint    port;
  gboolean is_hub;
  gboolean resolved;
  gboolean reached;
  gboolean works;     /* the handshake got the manifest */
  char    *problem;   /* translated: why it does not work, or NULL */
} MatouDoctorTarget;

typedef struct {
  MatouDoctor          *doctor;
  GMainContext         *caller_context;
  GCancellable         *cancellable;
  MatouDoctorOptions    options;  /* strings owned */
  const MatouDoctorKnowledge *knowledge;
  GPtrArray            *checks;   /* MatouCheck */
  guint                 n_posted; /* checks shown to the caller so far */

  /* Docker itself */
  MatouDockerInstall   *install;
  char                 *socket_path; /* NULL for an Engine elsewhere (tcp://, ssh://) */
  MatouDockerEndpoint  *endpoint;    /* the Engine asked, when chosen as the CLI does */
  MatouEngineSnapshot  *snapshot;    /* NULL: the daemon did not answer */
  GError               *engine_error;

  /* Configuration */
  char                 *daemon_json_path;
  MatouDaemonConfig    *config;      /* NULL: missing or broken */
  char                **mirrors;     /* what the daemon uses: /info, else daemon.json */
  char                **dns;         /* daemon.json's dns */
  char                 *proxy;       /* the daemon's HTTPS proxy as configured (with password), or NULL */
  GPtrArray            *targets;     /* MatouDoctorTarget: the hub first */

  /* The test pull */
  gboolean              pulled_through; /* the image came through a prefix mirror and was tagged back */
} MatouDoctorRun;

/* Where an image of @registry (not Docker Hub) can be pulled through a prefix
 * mirror: PREFIX/REGISTRY/REPOSITORY into @source_repository, with the
 * mirror's name and note (translated). FALSE when no prefix mirror serves
 * @registry. */
gboolean    matou_doctor_prefixed_source (MatouDoctorRun  *run,
                                          const char      *registry,
                                          const char      *repository,
                                          char           **source_repository,
                                          char           **mirror_name,
                                          char           **mirror_note);

/* Adds a check: kept in the run and shown to the caller at once. Returns it (owned by the run). */
MatouCheck *matou_doctor_run_add   (MatouDoctorRun   *run,
                                    MatouCheck       *check);
/* A check that did not run, with the reason. */
void        matou_doctor_run_skip  (MatouDoctorRun   *run,
                                    const char       *id,
                                    MatouDoctorStage  stage,
                                    const char       *title,
                                    const char       *reason);
void        matou_doctor_run_pull_line (MatouDoctorRun *run,
                                        const char     *line);
/* Runs an async operation to its end in this worker thread: a private main
 * context is pushed, @start is called, and the context is iterated until
 * *@done is set by the callback. */
void        matou_doctor_iterate_until (GMainContext *context,
                                        gboolean     *done);

/* A session for requests to registries, through @proxy when not NULL. */
SoupSession *matou_doctor_registry_session (const char *proxy,
                                            guint       timeout_seconds);

void matou_doctor_stage_docker   (MatouDoctorRun *run);
void matou_doctor_stage_config   (MatouDoctorRun *run);
void matou_doctor_stage_dns      (MatouDoctorRun *run);
void matou_doctor_stage_reach    (MatouDoctorRun *run);
void matou_doctor_stage_registry (MatouDoctorRun *run);
void matou_doctor_stage_pull     (MatouDoctorRun *run);
void matou_doctor_stage_images   (MatouDoctorRun *run);

/* Whether @host is 127.0.0.0/8, ::1 or "localhost". */
gboolean matou_doctor_host_is_loopback (const char *host);

G_END_DECLS
