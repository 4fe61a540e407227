/* What the Settings page's files share: its instance, and what one part of the page calls in another. */
#pragma once

#include "matou-apply-request.h"
#include "matou-list-editor.h"
#include "matou-log-view.h"
#include "matou-settings-page.h"
#include "matou-user-proxy-group.h"

G_BEGIN_DECLS

struct _MatouSettingsPage
{
  AdwBin               parent_instance;

  MatouDaemon *daemon;
  GCancellable        *cancellable;
  char               **base_mirrors;   /* what daemon.json holds: the form's "unchanged" */
  char               **base_dns;
  char                *base_proxy[3];  /* http, https, no: what the proxy fields were filled with */
  gboolean             replace_form;   /* a run ended: the next load shows what the files hold */
  gboolean             proxy_testing;
  MatouRun            *run;
  GPtrArray           *mirror_results;
  GPtrArray           *dns_results;

  GtkBox              *external_box;
  GtkBox              *remote_box;
  GtkLabel            *remote_label;
  gboolean             shown_rootless_elsewhere; /* what the page last said of a rootless daemon away from its socket */
  GtkLabel            *external_label;
  GtkBox              *parse_box;
  GtkLabel            *parse_label;
  GtkLabel            *root_only_label;
  GtkTextView         *raw_view;
  GtkScrolledWindow   *scroller;
  GtkBox              *run_box;
  GtkSpinner          *run_spinner;
  GtkLabel            *run_title;
  GtkLabel            *run_summary;
  GtkBox              *run_log_box;
  GtkListBox          *checklist;
  AdwPreferencesGroup *proxy_group;
  AdwEntryRow         *http_row;
  AdwEntryRow         *https_row;
  AdwEntryRow         *no_row;
  AdwActionRow        *proxy_effect_row;
  GtkLabel            *proxy_error_label;
  GtkButton           *proxy_test_button;
  GtkLabel            *proxy_test_label;
  GtkLabel            *proxy_files_label;
  GtkLabel            *mirrors_offline_label;
  MatouListEditor     *mirrors_editor;
  MatouListEditor     *dns_editor;
  AdwActionRow        *resolvers_row;
  GtkLabel            *changes_label;
  MatouUserProxyGroup *user_proxy_group;
  MatouLogView        *log_view;
  GtkSwitch           *proxy_switch;
};

/* matou-settings-page.c: the form and what it asks for */
void               _matou_settings_page_update_state        (MatouSettingsPage *self);
void               _matou_settings_page_load_form           (MatouSettingsPage *self);
MatouApplyRequest *_matou_settings_page_build_request       (MatouSettingsPage *self);

/* matou-settings-page-proxy.c: the daemon's proxy, its test, and what is in effect */
void               _matou_settings_page_class_init_proxy    (GtkWidgetClass    *widget_class);
void               _matou_settings_page_watch_proxy         (MatouSettingsPage *self);
void               _matou_settings_page_show_proxy_in_effect (MatouSettingsPage *self);
void               _matou_settings_page_update_proxy_test   (MatouSettingsPage *self);

/* matou-settings-page-lists.c: registry mirrors and DNS servers, their suggestions and tests */
void               _matou_settings_page_class_init_lists    (GtkWidgetClass    *widget_class);
void               _matou_settings_page_init_lists          (MatouSettingsPage *self);

/* matou-settings-page-apply.c: the preview, the run and its checklist, Revert */
void               _matou_settings_page_class_init_apply    (GtkWidgetClass    *widget_class);
void               _matou_settings_page_watch_runs          (MatouSettingsPage *self);

/* matou-settings-page-export.c: the form written for other machines */
void               _matou_settings_page_class_init_export   (GtkWidgetClass    *widget_class);

G_END_DECLS
