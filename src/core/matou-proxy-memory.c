/* The daemon proxy's addresses while it is off: URLs in GSettings, passwords in the user's keyring. */
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "matou-credentials.h"
#include "matou-error.h"
#include "matou-proxy-memory.h"

struct _MatouProxyMemory
{
  GObject    parent_instance;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (MatouProxyMemory, matou_proxy_memory, G_TYPE_OBJECT)

static const SecretSchema *
password_schema (void)
{
  static const SecretSchema schema = {
    "io.github.matou.Matou.ProxyPassword", SECRET_SCHEMA_NONE,
    {
      { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* --- remembering ---------------------------------------------------------- */

typedef struct {
  int     pending;
  GError *error;
} RememberData;

static void
remember_data_free (RememberData *data)
{
  g_clear_error (&data->error);
  g_free (data);
}

static void
remember_part_done (GTask *task)
{
  RememberData *data = g_task_get_task_data (task);

  if (--data->pending > 0)
    return;

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RememberData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error) && data->error == NULL)
    g_set_error (&data->error, MATOU_ERROR, MATOU_ERROR_IO,
                 _("The proxy’s password was not remembered, because no keyring answers (%s). The address is kept; type the password again when you turn the proxy on."),
                 error->message);
  remember_part_done (task);
}

/**
 * matou_proxy_memory_remember_async:
 *
 * Keeps the addresses of a proxy that is being turned off: each URL
 * without its password goes to GSettings, each password to the keyring
 * (Secret Service). A password never reaches GSettings; without a keyring
 * it is not kept, and the error says so.
 */
void
matou_proxy_memory_remember_async (MatouProxyMemory    *self,
                                   const char          *http,
                                   const char          *https,
                                   const char          *no,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  const char *urls[] = { http, https };
  RememberData *data = g_new0 (RememberData, 1);
  g_autofree char *first_bare = NULL;

  g_task_set_source_tag (task, matou_proxy_memory_remember_async);
  g_task_set_task_data (task, data, (GDestroyNotify) remember_data_free);
  data->pending = 1;

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autofree char *password = NULL;
      g_autofree char *bare = matou_credentials_split (urls[i] != NULL ? urls[i] : "", &password);

      g_settings_set_string (self->settings, i == 0 ? "proxy-http" : "proxy-https", bare);
      /* The same proxy for both is one keyring item. */
      if (password != NULL && g_strcmp0 (bare, first_bare) != 0)
        {
          g_autofree char *label = g_strdup_printf (_("Docker daemon proxy %s"), bare);

          data->pending++;
          secret_password_store (password_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                 cancellable, stored_cb, g_object_ref (task), "url", bare, NULL);
        }
      if (i == 0)
        first_bare = g_steal_pointer (&bare);
    }
  g_settings_set_string (self->settings, "proxy-no", no != NULL ? no : "");

  remember_part_done (task);
}

gboolean
matou_proxy_memory_remember_finish (MatouProxyMemory  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- recalling ------------------------------------------------------------ */

typedef struct {
  char *urls[2];
  char *no;
  int   pending;
} RecallData;

static void
recall_data_free (RecallData *data)
{
  g_free (data->urls[0]);
  g_free (data->urls[1]);
  g_free (data->no);
  g_free (data);
}

static void
recall_part_done (GTask *task)
{
  RecallData *data = g_task_get_task_data (task);

  if (--data->pending == 0)
    g_task_return_boolean (task, TRUE);
}

typedef struct {
  GTask *task;
  guint  index;
} Lookup;

static void
looked_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lookup *lookup = user_data;
  RecallData *data = g_task_get_task_data (lookup->task);
  g_autofree char *password = secret_password_lookup_finish (result, NULL);

  /* No keyring, or nothing kept: the address stays without its password, and the user types it. */
  if (password != NULL)
    {
      char *whole = matou_credentials_join (data->urls[lookup->index], password);

      g_free (data->urls[lookup->index]);
      data->urls[lookup->index] = whole;
    }

  recall_part_done (lookup->task);
  g_object_unref (lookup->task);
  g_free (lookup);
}

/**
 * matou_proxy_memory_recall_async:
 *
 * The addresses remembered when the proxy was last turned off, with their
 * passwords from the keyring where it has them.
 */
void
matou_proxy_memory_recall_async (MatouProxyMemory    *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  RecallData *data = g_new0 (RecallData, 1);

  g_task_set_source_tag (task, matou_proxy_memory_recall_async);
  g_task_set_task_data (task, data, (GDestroyNotify) recall_data_free);
  data->urls[0] = g_settings_get_string (self->settings, "proxy-http");
  data->urls[1] = g_settings_get_string (self->settings, "proxy-https");
  data->no = g_settings_get_string (self->settings, "proxy-no");
  data->pending = 1;

  for (guint i = 0; i < G_N_ELEMENTS (data->urls); i++)
    {
      Lookup *lookup;

      if (!matou_credentials_wants_password (data->urls[i]))
        continue;
      lookup = g_new0 (Lookup, 1);
      lookup->task = g_object_ref (task);
      lookup->index = i;
      data->pending++;
      secret_password_lookup (password_schema (), cancellable, looked_up_cb, lookup,
                              "url", data->urls[i], NULL);
    }

  recall_part_done (task);
}

gboolean
matou_proxy_memory_recall_finish (MatouProxyMemory  *self,
                                  GAsyncResult      *result,
                                  char             **http,
                                  char             **https,
                                  char             **no,
                                  GError           **error)
{
  RecallData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  *http = g_strdup (data->urls[0]);
  *https = g_strdup (data->urls[1]);
  *no = g_strdup (data->no);
  return TRUE;
}

/* --- object --------------------------------------------------------------- */

static void
matou_proxy_memory_dispose (GObject *object)
{
  MatouProxyMemory *self = MATOU_PROXY_MEMORY (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (matou_proxy_memory_parent_class)->dispose (object);
}

static void
matou_proxy_memory_class_init (MatouProxyMemoryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = matou_proxy_memory_dispose;
}

static void
matou_proxy_memory_init (MatouProxyMemory *self)
{
}

MatouProxyMemory *
matou_proxy_memory_new (GSettings *settings)
{
  MatouProxyMemory *self = g_object_new (MATOU_TYPE_PROXY_MEMORY, NULL);

  self->settings = g_object_ref (settings);

  return self;
}
