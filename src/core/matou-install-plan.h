/* Install plans: built from data/install-plans.json and what this system is, the same for the page that shows them and the helper that runs them. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "matou-install-system.h"

G_BEGIN_DECLS

#define MATOU_INSTALL_PLANS_NAME "install-plans"
#define MATOU_INSTALL_DOCS_URL   "https://docs.docker.com/engine/install/"

/* apt waits this long for another program's dpkg lock before it gives up. */
#define MATOU_INSTALL_LOCK_TIMEOUT_SECONDS 120

typedef enum {
  MATOU_INSTALL_METHOD_DISTRO,   /* "distro-packages" */
  MATOU_INSTALL_METHOD_DOCKER,   /* "docker-repository" */
  MATOU_INSTALL_METHOD_MIRROR,   /* "docker-mirror" */
} MatouInstallMethod;

#define MATOU_INSTALL_N_METHODS 3

typedef enum {
  MATOU_INSTALL_STEP_RUN,        /* argv, run as it is */
  MATOU_INSTALL_STEP_DOWNLOAD,   /* curl url, checked, written atomically to path */
  MATOU_INSTALL_STEP_WRITE,      /* content written atomically to path */
  MATOU_INSTALL_STEP_SERVICE,    /* enable and start the service, wait for the Engine API */
  MATOU_INSTALL_STEP_GROUP,      /* add the user to the docker group */
} MatouInstallStepKind;

typedef enum {
  MATOU_INSTALL_CHECK_NONE,
  MATOU_INSTALL_CHECK_INSTALLED, /* every package of check_packages is installed */
  MATOU_INSTALL_CHECK_ABSENT,    /* none of check_packages is installed */
  MATOU_INSTALL_CHECK_KEY,       /* path holds an OpenPGP public key */
  MATOU_INSTALL_CHECK_CONTENT,   /* path holds exactly content, and nothing to replace is left */
  MATOU_INSTALL_CHECK_SERVICE,   /* the daemon answers (and is enabled under systemd) */
  MATOU_INSTALL_CHECK_MEMBER,    /* the user is in the docker group */
} MatouInstallCheck;

typedef struct {
  char                 *id;
  char                 *title;           /* translated */
  char                 *why;             /* translated, values filled in */
  MatouInstallStepKind  kind;
  char                **argv;            /* RUN; SERVICE and GROUP: the command a person would type */
  char                 *url;             /* DOWNLOAD */
  char                 *path;            /* DOWNLOAD, WRITE */
  char                 *content;         /* WRITE */
  char                 *replaces;        /* WRITE: an older file moved aside first, when it exists */
  char                 *replaces_backup; /* … and where it goes */
  guint                 mode;            /* DOWNLOAD, WRITE */
  MatouInstallCheck     check;
  char                **check_packages;
  gboolean              rollback;        /* removed again when a later verifying step fails */
  char                **verifies;        /* RUN: ids of the steps whose repository this run proves */
  char                 *repository;      /* … and the URI its output names */
} MatouInstallStep;

typedef struct {
  MatouInstallMethod  method;
  MatouPackageFamily  family;
  char               *distro;        /* "debian", "ubuntu", "fedora" */
  char               *distro_name;   /* "Ubuntu" */
  char               *codename;      /* apt: the suite of Docker's repository */
  char               *architecture;
  char               *mirror_id;     /* the repository methods: the mirror list's id */
  char               *repository;    /* the repository methods: <base>/linux/<distro> */
  char               *user;          /* who joins the docker group, or NULL */
  gboolean            systemd;
  gboolean            compose;
  GPtrArray          *steps;         /* MatouInstallStep */
} MatouInstallPlan;

typedef struct {
  gboolean compose;   /* install Docker Compose too */
} MatouInstallOptions;

/* The data file, parsed and checked. */
typedef struct _MatouInstallPlans MatouInstallPlans;

MatouInstallPlans  *matou_install_plans_load            (const char         *name_or_path,
                                                         GError            **error);
MatouInstallPlans  *matou_install_plans_load_from_data  (const char         *data,
                                                         gssize              length,
                                                         GError            **error);
void                matou_install_plans_free            (MatouInstallPlans  *plans);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouInstallPlans, matou_install_plans_free)

char              **matou_install_plans_dup_package_names (MatouInstallPlans *plans);
const char         *matou_install_plans_get_docs_url    (MatouInstallPlans  *plans);
const char         *matou_install_plans_get_official_mirror (MatouInstallPlans *plans);
char               *matou_install_plans_dup_method_title (MatouInstallPlans *plans,
                                                          MatouInstallMethod method);
char               *matou_install_plans_dup_method_when  (MatouInstallPlans *plans,
                                                          MatouInstallMethod method);
/* The distribution's id in the plans ("ubuntu" for Linux Mint), or NULL
 * with an explanation and the documentation link. */
char               *matou_install_plans_match_distro    (MatouInstallPlans        *plans,
                                                         const MatouInstallSystem *system,
                                                         GError                  **error);
gboolean            matou_install_plans_string_is_listed (const char *text);

const char         *matou_install_method_to_string      (MatouInstallMethod  method);
gboolean            matou_install_method_from_string    (const char         *text,
                                                         MatouInstallMethod *method);

/* A base URL for a mirror of download.docker.com: https:// (http:// only
 * for a loopback address), a host, a path, nothing else. */
gboolean            matou_install_validate_base_url     (const char  *url,
                                                         GError     **error);

MatouInstallPlan   *matou_install_plan_build            (MatouInstallPlans          *plans,
                                                         const MatouInstallSystem   *system,
                                                         MatouInstallMethod          method,
                                                         const char                 *mirror_id,
                                                         const char                 *mirror_url,
                                                         const MatouInstallOptions  *options,
                                                         const MatouInstallPaths    *paths,
                                                         const char                 *backup_dir,
                                                         GError                    **error);
void                matou_install_plan_free             (MatouInstallPlan  *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouInstallPlan, matou_install_plan_free)

const MatouInstallStep *matou_install_plan_find_step    (const MatouInstallPlan *plan,
                                                         const char             *id);
char              **matou_install_plan_dup_step_ids     (const MatouInstallPlan *plan);

/* What a person would type for the step (several lines for a download or a file). */
char               *matou_install_step_to_shell         (const MatouInstallStep *step);
/* The whole plan as a POSIX shell script, to run as root. */
char               *matou_install_plan_to_script        (const MatouInstallPlan *plan,
                                                         const char             *description);

/* --- whether a step is done already (blocking: dpkg-query, rpm, a socket) --- */

typedef struct {
  const char *socket;   /* the Engine API socket */
  const char *user;     /* who must be in the docker group; NULL: nobody */
} MatouInstallCheckContext;

gboolean            matou_install_step_is_done          (const MatouInstallPlan         *plan,
                                                         const MatouInstallStep         *step,
                                                         const MatouInstallCheckContext *context,
                                                         GCancellable                   *cancellable);
char              **matou_install_step_present_packages (const MatouInstallPlan         *plan,
                                                         const MatouInstallStep         *step,
                                                         GCancellable                   *cancellable);
GHashTable         *matou_install_query_packages        (MatouPackageFamily   family,
                                                         const char * const  *names,
                                                         GCancellable        *cancellable);
gboolean            matou_install_text_is_key           (const char          *text,
                                                         gsize                length);
gboolean            matou_install_socket_answers        (const char          *path,
                                                         guint                timeout_seconds);

/* --- failures, in words ----------------------------------------------------- */

typedef enum {
  MATOU_INSTALL_FAILURE_OTHER,
  MATOU_INSTALL_FAILURE_NETWORK,      /* no network, a name that does not resolve, a server that does not answer */
  MATOU_INSTALL_FAILURE_REPOSITORY,   /* the server answered, but has no such repository (404, no Release file) */
  MATOU_INSTALL_FAILURE_LOCK,         /* another program held the package manager's lock for too long */
  MATOU_INSTALL_FAILURE_CONFLICT,     /* packages conflict, or would need removing */
  MATOU_INSTALL_FAILURE_MISSING,      /* a package is not in the package lists */
  MATOU_INSTALL_FAILURE_KEY,          /* the signing key is not a key, or does not match */
} MatouInstallFailure;

const char         *matou_install_failure_to_string     (MatouInstallFailure failure);
MatouInstallFailure matou_install_classify_output       (const char * const *lines,
                                                         const char         *repository);
gboolean            matou_install_output_names_failed_repository (const char * const *lines,
                                                                  const char         *repository);
char               *matou_install_explain_failure       (const MatouInstallPlan *plan,
                                                         const MatouInstallStep *step,
                                                         MatouInstallFailure     failure,
                                                         const char             *last_line);

/* --- mirrors ------------------------------------------------------------------ */

/* @ids ordered by @results (MatouProbeResult, in the order of @ids): the
 * mirrors that answered, fastest first, then the others in their order. */
char              **matou_install_rank_mirrors          (const char * const *ids,
                                                         GPtrArray          *results);

gboolean matou_install_mirror_url_is_secure (const char *url);

G_END_DECLS
