/* One result of the troubleshooting checks: what was checked, what was seen, why it matters and the fix. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MATOU_CHECK_OK,
  MATOU_CHECK_WARNING,
  MATOU_CHECK_FAILED,
  MATOU_CHECK_SKIPPED,
} MatouCheckState;

/* The stages run in this order; a later stage that needs what an earlier
 * one found wrong is marked skipped, with the reason. */
typedef enum {
  MATOU_STAGE_DOCKER,
  MATOU_STAGE_CONFIG,
  MATOU_STAGE_DNS,
  MATOU_STAGE_REACH,
  MATOU_STAGE_REGISTRY,
  MATOU_STAGE_PULL,
  MATOU_STAGE_IMAGES,
  MATOU_N_STAGES
} MatouDoctorStage;

typedef enum {
  MATOU_FIX_NONE,
  MATOU_FIX_SETTINGS,  /* open Settings at @field ("proxy", "mirrors", "dns"), filled with @value when set */
  MATOU_FIX_INSTALL,   /* open the Install page */
  MATOU_FIX_COMMAND,   /* a command to copy */
  MATOU_FIX_START_DOCKER, /* start the daemon through the helper; @command does the same in a terminal */
  MATOU_FIX_PULL_THROUGH, /* run the checks again pulling through the prefix mirror; @command does the same in a terminal */
} MatouFixKind;

typedef struct {
  MatouFixKind kind;
  char        *label;    /* translated: what the button says */
  char        *field;    /* SETTINGS */
  char        *value;    /* SETTINGS, nullable */
  char        *command;  /* COMMAND, START_DOCKER, PULL_THROUGH */
} MatouFix;

typedef struct {
  char            *id;           /* stable, documented in the README: "docker.daemon" */
  MatouDoctorStage stage;
  MatouCheckState  state;
  char            *title;        /* translated */
  char            *detail;       /* translated: the evidence */
  char            *explanation;  /* translated, nullable: why it matters */
  MatouFix         fix;
} MatouCheck;

MatouCheck  *matou_check_new              (const char       *id,
                                           MatouDoctorStage  stage,
                                           MatouCheckState   state,
                                           const char       *title,
                                           const char       *detail,
                                           const char       *explanation);
void         matou_check_free             (MatouCheck       *check);
MatouCheck  *matou_check_copy             (const MatouCheck *check);
void         matou_check_set_fix_settings (MatouCheck       *check,
                                           const char       *label,
                                           const char       *field,
                                           const char       *value);
void         matou_check_set_fix_install  (MatouCheck       *check,
                                           const char       *label);
void         matou_check_set_fix_command  (MatouCheck       *check,
                                           const char       *label,
                                           const char       *command);
void         matou_check_set_fix_pull_through (MatouCheck   *check,
                                               const char   *label,
                                               const char   *command);
void         matou_check_set_fix_start_docker (MatouCheck   *check,
                                           const char       *label);
const char  *matou_start_docker_command   (void);
void         matou_fix_copy_into          (MatouFix         *dest,
                                           const MatouFix   *src);
void         matou_fix_clear              (MatouFix         *fix);

/* Machine names, as `matou doctor --json` writes them: "ok", "docker", "settings". */
const char  *matou_check_state_to_string  (MatouCheckState   state);
const char  *matou_doctor_stage_to_string (MatouDoctorStage  stage);
const char  *matou_fix_kind_to_string     (MatouFixKind      kind);
/* Translated, for people: "Warning", "Name resolution". */
const char  *matou_check_state_get_label  (MatouCheckState   state);
const char  *matou_doctor_stage_get_title (MatouDoctorStage  stage);

/* The exit status of `matou doctor` for these checks: 0 all ok (or skipped),
 * 1 warnings only, 2 a check failed. */
int          matou_checks_exit_status     (GPtrArray        *checks);

/* Every check as text for a report: states, details, explanations and fixes;
 * passwords in URLs masked, the user's @home (NULL: g_get_home_dir ()) shown as "~". */
char        *matou_checks_to_report       (GPtrArray        *checks,
                                           const char       *home);
/* The checks as `matou doctor --json` prints them: an array of
 * {"id", "stage", "state", "title", "detail", "fix"} (fix: null or an object). */
char        *matou_checks_to_json         (GPtrArray        *checks);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouCheck, matou_check_free)

G_END_DECLS
