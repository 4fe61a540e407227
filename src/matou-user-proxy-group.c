/* The proxy for containers and builds, from the user's own ~/.docker/config.json: no administrator
 * needed. It has no Save of its own: the Settings page's one Apply saves it, and Revert puts back
 * what the file held ("changed" tells the page to look again). */
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

  char                *base[3];   /* what the file held when read or last saved */
  char                *saving[3]; /* what a save under way writes; NULL when none is */
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MatouUserProxyGroup, matou_user_proxy_group, ADW_TYPE_PREFERENCES_GROUP)

static void
dup_fields (MatouUserProxyGroup *self,
            char                *values[3])
{
  values[0] = editable_dup_stripped (GTK_EDITABLE (self->user_http_row));
  values[1] = editable_dup_stripped (GTK_EDITABLE (self->user_https_row));
  values[2] = editable_dup_stripped (GTK_EDITABLE (self->user_no_row));
}

static void
clear_values (char *values[3])
{
  for (guint i = 0; i < 3; i++)
    g_clear_pointer (&values[i], g_free);
}

static void
on_user_proxy_changed_cb (MatouUserProxyGroup *self)
{
  char *values[3] = { NULL };
  g_autoptr(GError) error = NULL;

  dup_fields (self, values);
  matou_validate_proxy_fields (values[0], values[1], values[2], &error);
  clear_values (values);

  gtk_label_set_text (self->user_proxy_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->user_proxy_label), error != NULL);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->user_proxy_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->user_proxy_label), "error");
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/**
 * matou_user_proxy_group_is_edited:
 *
 * Whether a field differs from what ~/.docker/config.json held when read or
 * last saved: something for the page's Apply to save.
 */
gboolean
matou_user_proxy_group_is_edited (MatouUserProxyGroup *self)
{
  char *values[3] = { NULL };
  gboolean edited = FALSE;

  g_return_val_if_fail (MATOU_IS_USER_PROXY_GROUP (self), FALSE);

  if (self->saving[0] != NULL)
    return FALSE;
  dup_fields (self, values);
  for (guint i = 0; i < 3; i++)
    edited |= g_strcmp0 (values[i], self->base[i] != NULL ? self->base[i] : "") != 0;
  clear_values (values);

  return edited;
}

gboolean
matou_user_proxy_group_is_valid (MatouUserProxyGroup *self)
{
  char *values[3] = { NULL };
  gboolean ok;

  g_return_val_if_fail (MATOU_IS_USER_PROXY_GROUP (self), FALSE);

  dup_fields (self, values);
  ok = matou_validate_proxy_fields (values[0], values[1], values[2], NULL);
  clear_values (values);

  return ok;
}

static void
set_fields (MatouUserProxyGroup *self,
            const char          *http,
            const char          *https,
            const char          *no)
{
  gtk_editable_set_text (GTK_EDITABLE (self->user_http_row), http != NULL ? http : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_https_row), https != NULL ? https : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_no_row), no != NULL ? no : "");
}

/* Puts back what the file held; the note of an earlier save or error goes. */
void
matou_user_proxy_group_revert (MatouUserProxyGroup *self)
{
  g_return_if_fail (MATOU_IS_USER_PROXY_GROUP (self));

  set_fields (self, self->base[0], self->base[1], self->base[2]);
  gtk_widget_set_visible (GTK_WIDGET (self->user_proxy_label), FALSE);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
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

  if (!matou_client_config_write_proxy_finish (result, &error))
    {
      clear_values (self->saving);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_user_proxy_note (self, error->message, TRUE);
          g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
        }
      return;
    }

  clear_values (self->base);
  for (guint i = 0; i < 3; i++)
    self->base[i] = g_steal_pointer (&self->saving[i]);
  message = g_strdup_printf (_("Saved to %s. Containers and builds started from now on use it."), path);
  show_user_proxy_note (self, message, FALSE);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/**
 * matou_user_proxy_group_save:
 *
 * Writes the fields to ~/.docker/config.json, in a worker thread; the group
 * says where it saved them, or why it could not, and "changed" follows.
 */
void
matou_user_proxy_group_save (MatouUserProxyGroup *self)
{
  g_autofree char *path = matou_client_config_default_path ();

  g_return_if_fail (MATOU_IS_USER_PROXY_GROUP (self));
  g_return_if_fail (self->saving[0] == NULL);

  dup_fields (self, self->saving);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  matou_client_config_write_proxy_async (path, self->saving[0], self->saving[1], self->saving[2],
                                         self->cancellable, user_proxy_saved_cb, g_object_ref (self));
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

  clear_values (self->base);
  self->base[0] = g_strdup (http);
  self->base[1] = g_strdup (https);
  self->base[2] = g_strdup (no);
  set_fields (self, http, https, no);
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
matou_user_proxy_group_finalize (GObject *object)
{
  MatouUserProxyGroup *self = MATOU_USER_PROXY_GROUP (object);

  clear_values (self->base);
  clear_values (self->saving);

  G_OBJECT_CLASS (matou_user_proxy_group_parent_class)->finalize (object);
}

static void
matou_user_proxy_group_class_init (MatouUserProxyGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = matou_user_proxy_group_dispose;
  object_class->finalize = matou_user_proxy_group_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/matou/Matou/matou-user-proxy-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MatouUserProxyGroup, user_http_row);
  gtk_widget_class_bind_template_child (widget_class, MatouUserProxyGroup, user_https_row);
  gtk_widget_class_bind_template_child (widget_class, MatouUserProxyGroup, user_no_row);
  gtk_widget_class_bind_template_child (widget_class, MatouUserProxyGroup, user_proxy_label);
  gtk_widget_class_bind_template_callback (widget_class, on_user_proxy_changed_cb);
}

static void
matou_user_proxy_group_init (MatouUserProxyGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  load_user_proxy (self);
}
