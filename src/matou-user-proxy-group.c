/* The proxy for containers and builds, from the user's own ~/.docker/config.json: no administrator needed. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-client-config.h"
#include "matou-list-editor.h"
#include "matou-user-proxy-group.h"
#include "matou-validate.h"

struct _MatouUserProxyGroup
{
  AdwPreferencesGroup  parent_instance;

  GCancellable        *cancellable;

  AdwEntryRow         *user_http_row;
  AdwEntryRow         *user_https_row;
  AdwEntryRow         *user_no_row;
  GtkLabel            *user_proxy_label;
  GtkButton           *user_proxy_save;
};

G_DEFINE_FINAL_TYPE (MatouUserProxyGroup, matou_user_proxy_group, ADW_TYPE_PREFERENCES_GROUP)

static void
on_user_proxy_changed_cb (MatouUserProxyGroup *self)
{
  g_autofree char *http = editable_dup_stripped (GTK_EDITABLE (self->user_http_row));
  g_autofree char *https = editable_dup_stripped (GTK_EDITABLE (self->user_https_row));
  g_autofree char *no = editable_dup_stripped (GTK_EDITABLE (self->user_no_row));
  g_autoptr(GError) error = NULL;
  gboolean ok = matou_validate_proxy_fields (http, https, no, &error);

  gtk_label_set_text (self->user_proxy_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->user_proxy_label), error != NULL);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->user_proxy_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->user_proxy_label), "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_proxy_save), ok);
}

static void
show_user_proxy_note (MatouUserProxyGroup *self,
                      const char          *text,
                      gboolean             is_error)
{
  gtk_label_set_text (self->user_proxy_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->user_proxy_label), TRUE);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->user_proxy_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->user_proxy_label), "error");
}

static void
user_proxy_saved_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MatouUserProxyGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = matou_client_config_default_path ();
  g_autofree char *message = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->user_proxy_save), TRUE);
  if (!matou_client_config_write_proxy_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_user_proxy_note (self, error->message, TRUE);
      return;
    }

  message = g_strdup_printf (_("Saved to %s. Containers and builds started from now on use it."), path);
  show_user_proxy_note (self, message, FALSE);
}

static void
on_user_proxy_save_cb (MatouUserProxyGroup *self)
{
  g_autofree char *path = matou_client_config_default_path ();
  g_autofree char *http = editable_dup_stripped (GTK_EDITABLE (self->user_http_row));
  g_autofree char *https = editable_dup_stripped (GTK_EDITABLE (self->user_https_row));
  g_autofree char *no = editable_dup_stripped (GTK_EDITABLE (self->user_no_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->user_proxy_save), FALSE);
  matou_client_config_write_proxy_async (path, http, https, no, self->cancellable,
                                         user_proxy_saved_cb, g_object_ref (self));
}

static void
user_proxy_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MatouUserProxyGroup) self = user_data;
  g_autofree char *http = NULL, *https = NULL, *no = NULL;
  g_autoptr(GError) error = NULL;

  if (!matou_client_config_read_proxy_finish (result, &http, &https, &no, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_user_proxy_note (self, error->message, TRUE);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->user_http_row), http);
  gtk_editable_set_text (GTK_EDITABLE (self->user_https_row), https);
  gtk_editable_set_text (GTK_EDITABLE (self->user_no_row), no);
}

static void
load_user_proxy (MatouUserProxyGroup *self)
{
  g_autofree char *path = matou_client_config_default_path ();

  matou_client_config_read_proxy_async (path, self->cancellable, user_proxy_loaded_cb, g_object_ref (self));
}

static void
matou_user_proxy_group_dispose (GObject *object)
{
  MatouUserProxyGroup *self = MATOU_USER_PROXY_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MATOU_TYPE_USER_PROXY_GROUP);

  G_OBJECT_CLASS (matou_user_proxy_group_parent_class)->dispose (object);
}

static void
matou_user_proxy_group_class_init (MatouUserProxyGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = matou_user_proxy_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/matou/Matou/matou-user-proxy-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MatouUserProxyGroup, user_http_row);
  gtk_widget_class_bind_template_child (widget_class, MatouUserProxyGroup, user_https_row);
  gtk_widget_class_bind_template_child (widget_class, MatouUserProxyGroup, user_no_row);
  gtk_widget_class_bind_template_child (widget_class, MatouUserProxyGroup, user_proxy_label);
  gtk_widget_class_bind_template_child (widget_class, MatouUserProxyGroup, user_proxy_save);
  gtk_widget_class_bind_template_callback (widget_class, on_user_proxy_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_user_proxy_save_cb);
}

static void
matou_user_proxy_group_init (MatouUserProxyGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  load_user_proxy (self);
}
