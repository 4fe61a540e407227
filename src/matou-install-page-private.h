/* What the Install page's files share: its instance, and what one part of the page calls in another. */
#pragma once

#include "matou-helper-runner.h"
#include "matou-install-page.h"
#include "matou-install-plan.h"
#include "matou-install-step-row.h"
#include "matou-log-view.h"
#include "matou-presets.h"

G_BEGIN_DECLS

struct _MatouInstallPage
{
  AdwBin               parent_instance;

  MatouInstallPlans   *plans;
  GPtrArray           *mirrors;          /* MatouPreset: the docker-ce mirrors, official one included */
  char               **mirror_order;     /* ids of the combo's rows, in order */
  GHashTable          *mirror_speeds;    /* id → what "Test speed" found, for the row */
  MatouInstallSystem  *system;
  MatouInstallMethod   method;
  gboolean             method_chosen;    /* by the user: kept across refreshes */
  MatouInstallPlan    *plan;
  GHashTable          *run_states;       /* step id → MatouInstallStepState the last run left */
  char                *socket;

  GCancellable        *detect_cancellable;
  GCancellable        *check_cancellable;
  GCancellable        *probe_cancellable;
  MatouHelperRunner   *runner;           /* the application's: one helper run at a time */
  gboolean             running;          /* our install run is in flight */
  MatouRun            *run;
  gboolean             detecting;
  gboolean             probing;
  gboolean             stopping;
  gboolean             updating;         /* the page itself sets widgets: ignore their signals */

  GtkSpinner          *detect_spinner;
  GtkLabel            *distro_label;
  GtkLabel            *arch_label;
  GtkLabel            *init_label;
  GtkLabel            *installed_label;
  GtkLabel            *repo_files_label;
  GtkLabel            *group_label;
  GtkWidget           *unsupported_box;
  GtkLabel            *unsupported_label;
  GtkLinkButton       *docs_button;
  AdwPreferencesGroup *method_group;
  AdwActionRow        *distro_row;
  AdwActionRow        *docker_row;
  AdwActionRow        *mirror_method_row;
  GtkCheckButton      *distro_check;
  GtkCheckButton      *docker_check;
  GtkCheckButton      *mirror_check;
  GtkSwitch           *compose_switch;
  AdwPreferencesGroup *mirror_group;
  AdwComboRow         *mirror_row;
  GtkLabel            *mirror_detail_label;
  GtkSpinner          *probe_spinner;
  GtkLabel            *speed_offline_label;
  GtkListBox          *speed_list;
  AdwPreferencesGroup *steps_group;
  GtkLabel            *plan_error_label;
  GtkListBox          *steps_list;
  GtkWidget           *buttons_box;
  GtkWidget           *stop_button;
  GtkLabel            *copied_label;
  GtkLabel            *waiting_label;
  GtkProgressBar      *progress_bar;
  GtkWidget           *result_box;
  GtkImage            *result_icon;
  GtkLabel            *result_title;
  GtkLabel            *result_label;
  GtkLabel            *group_advice_label;
  MatouLogView        *log_view;
};

/* matou-install-page.c: the system, the ways to install, and the actions' state */
void                 _matou_install_page_update_actions     (MatouInstallPage   *self);
void                 _matou_install_page_start_detect       (MatouInstallPage   *self);

/* matou-install-page-mirrors.c: the mirror to install from, and the speed test */
void                 _matou_install_page_class_init_mirrors (GtkWidgetClass     *widget_class);
const MatouPreset   *_matou_install_page_find_mirror        (MatouInstallPage   *self,
                                                             const char         *id);
const char          *_matou_install_page_selected_mirror_id (MatouInstallPage   *self);
void                 _matou_install_page_fill_mirror_list   (MatouInstallPage   *self,
                                                             const char * const *order,
                                                             const char         *select);

/* matou-install-page-plan.c: the plan's steps and which are done */
void                 _matou_install_page_class_init_plan    (GtkWidgetClass     *widget_class);
MatouInstallPlan    *_matou_install_page_build_plan         (MatouInstallPage   *self,
                                                             MatouInstallMethod  method,
                                                             GError            **error);
void                 _matou_install_page_rebuild_plan       (MatouInstallPage   *self);
void                 _matou_install_page_clear_steps        (MatouInstallPage   *self);
MatouInstallStepRow *_matou_install_page_find_row           (MatouInstallPage   *self,
                                                             const char         *id);

/* matou-install-page-run.c: the run, its output and its result */
void                 _matou_install_page_class_init_run     (GtkWidgetClass     *widget_class);
void                 _matou_install_page_show_result        (MatouInstallPage   *self,
                                                             const char         *icon,
                                                             const char         *css,
                                                             const char         *title,
                                                             const char         *text);

G_END_DECLS
