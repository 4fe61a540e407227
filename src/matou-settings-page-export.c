/* The Settings page's Export menu: what the form holds, written as an Ansible playbook or a shell script for other machines. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-export.h"
#include "matou-settings-page-private.h"

/* Everything the form holds, changed or not: another machine starts from its own files. */
static MatouApplyRequest *
build_export_request (MatouSettingsPage *self)
{
  MatouApplyRequest *request = matou_apply_request_new ();

  request->has_mirrors = TRUE;
  request->mirrors = matou_list_editor_get_items (self->mirrors_editor);
  request->has_dns = TRUE;
  request->dns = matou_list_editor_get_items (self->dns_editor);
  request->has_proxy = TRUE;
  if (gtk_switch_get_active (self->proxy_switch))
    {
      request->http_proxy = editable_dup_stripped (GTK_EDITABLE (self->http_row));
      request->https_proxy = editable_dup_stripped (GTK_EDITABLE (self->https_row));
      request->no_proxy = editable_dup_stripped (GTK_EDITABLE (self->no_row));
    }
  else
    {
      request->clear_proxy = TRUE;
    }

  return request;
}

static void
show_message (MatouSettingsPage *self,
              const char        *heading,
              const char        *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_toast (MatouSettingsPage *self,
            const char        *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

typedef struct {
  MatouApplyRequest *request;
  gboolean           ansible;
  char              *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  matou_apply_request_free (job->request);
  g_free (job->path);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  gboolean ok = job->ansible ?
                matou_export_write_ansible (job->request, job->path, &error) :
                matou_export_write_script (job->request, job->path, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  MatouSettingsPage *self = MATOU_SETTINGS_PAGE (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("Could Not Export"), error->message);
      return;
    }

  if (job->ansible)
    {
      g_autofree char *playbook = g_build_filename (job->path, MATOU_EXPORT_PLAYBOOK_NAME, NULL);

      /* Translators: %s is the playbook's path. */
      text = g_strdup_printf (_("Exported to %s"), playbook);
    }
  else
    {
      text = g_strdup_printf (_("Exported to %s"), job->path);
    }
  show_toast (self, text);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  MatouSettingsPage *self = MATOU_SETTINGS_PAGE (user_data);
  ExportJob *job = g_object_steal_data (G_OBJECT (chooser), "job");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);

  if (path == NULL)
    {
      g_clear_pointer (&job, export_job_free);
      if (file != NULL)
        show_message (self, _("Could Not Export"), _("Choose a folder on this computer: Matou writes only local files."));
      gtk_native_dialog_destroy (chooser);
      g_object_unref (chooser);
      return;
    }

  job->path = g_steal_pointer (&path);
  task = g_task_new (self, self->cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, on_chooser_response_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export (MatouSettingsPage *self,
        gboolean           ansible)
{
  g_autoptr(MatouApplyRequest) request = build_export_request (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkFileChooserNative *chooser;
  ExportJob *job;

  /* Refused values are said before a file is chosen. */
  text = ansible ? matou_export_playbook_text (request, &error) : matou_export_script_text (request, &error);
  if (text == NULL)
    {
      show_message (self, _("Could Not Export"), error->message);
      return;
    }

  if (ansible)
    chooser = gtk_file_chooser_native_new (_("Export as Ansible Playbook"),
                                           GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                           GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                           _("_Export"), _("_Cancel"));
  else
    {
      chooser = gtk_file_chooser_native_new (_("Export as Shell Script"),
                                             GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                             GTK_FILE_CHOOSER_ACTION_SAVE,
                                             _("_Export"), _("_Cancel"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "docker-settings.sh");
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  job = g_new0 (ExportJob, 1);
  job->request = g_steal_pointer (&request);
  job->ansible = ansible;
  g_object_set_data_full (G_OBJECT (chooser), "job", job, (GDestroyNotify) export_job_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_ansible_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  export (MATOU_SETTINGS_PAGE (widget), TRUE);
}

static void
export_shell_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  export (MATOU_SETTINGS_PAGE (widget), FALSE);
}

void
_matou_settings_page_class_init_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "settings.export-ansible", NULL, export_ansible_activated);
  gtk_widget_class_install_action (widget_class, "settings.export-shell", NULL, export_shell_activated);
}
