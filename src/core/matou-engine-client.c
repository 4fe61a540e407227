/* A small asynchronous client for the Docker Engine API: on a unix socket, over tcp:// (plain or TLS), or through ssh. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gunixsocketaddress.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "matou-engine-client.h"
#include "matou-ssh-relay.h"
#include "matou-error.h"
#include "matou-json.h"

/* Replies larger than this are not something /info or /version send. */
#define MAX_REPLY_SIZE (4 * 1024 * 1024)
/* A daemon that accepts the connection but does not answer is not healthy. */
#define REQUEST_TIMEOUT_SECONDS 10

struct _MatouEngineClient
{
  GObject      parent_instance;

  char                *socket_path;
  MatouDockerEndpoint *endpoint;
  char                *base_uri;     /* http://docker for a socket, http(s)://HOST:PORT for tcp:// */
  GTlsCertificate     *client_certificate;
  GError              *setup_error;  /* the TLS material could not be loaded: every request fails with it */
  MatouSshRelay       *relay;        /* ssh://: the local socket whose connections run dial-stdio */
  SoupSession         *session;
};

G_DEFINE_FINAL_TYPE (MatouEngineClient, matou_engine_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SOCKET_PATH,
  PROP_ENDPOINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
matou_engine_client_constructed (GObject *object)
{
  MatouEngineClient *self = MATOU_ENGINE_CLIENT (object);
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GTlsDatabase) database = NULL;

  G_OBJECT_CLASS (matou_engine_client_parent_class)->constructed (object);

  if (self->socket_path != NULL)
    {
      g_clear_pointer (&self->endpoint, matou_docker_endpoint_free);
      self->endpoint = g_new0 (MatouDockerEndpoint, 1);
      self->endpoint->kind = MATOU_ENDPOINT_UNIX;
      self->endpoint->socket_path = g_strdup (self->socket_path);
      self->endpoint->host = g_strconcat ("unix://", self->socket_path, NULL);
      self->endpoint->context = g_strdup ("default");
    }

  switch (self->endpoint->kind)
    {
    case MATOU_ENDPOINT_UNIX:
      if (self->socket_path == NULL)
        self->socket_path = g_strdup (self->endpoint->socket_path);
      address = g_unix_socket_address_new (self->socket_path);
      /* The host is never resolved: remote-connectable carries every request to the socket. */
      self->base_uri = g_strdup ("http://docker");
      break;

    case MATOU_ENDPOINT_SSH:
      self->relay = matou_ssh_relay_new (self->endpoint, &self->setup_error);
      if (self->relay != NULL)
        address = g_unix_socket_address_new (matou_ssh_relay_get_socket_path (self->relay));
      self->base_uri = g_strdup ("http://docker");
      break;

    case MATOU_ENDPOINT_TCP:
    default:
      {
        gboolean v6 = strchr (self->endpoint->address, ':') != NULL;

        self->base_uri = g_strdup_printf ("%s://%s%s%s:%u", self->endpoint->tls ? "https" : "http",
                                          v6 ? "[" : "", self->endpoint->address, v6 ? "]" : "",
                                          self->endpoint->port);
        if (self->endpoint->tls && self->endpoint->ca_file != NULL)
          database = g_tls_file_database_new (self->endpoint->ca_file, &self->setup_error);
        if (self->endpoint->tls && self->endpoint->cert_file != NULL && self->setup_error == NULL)
          self->client_certificate = g_tls_certificate_new_from_files (self->endpoint->cert_file,
                                                                       self->endpoint->key_file,
                                                                       &self->setup_error);
        if (self->setup_error != NULL)
          g_prefix_error (&self->setup_error, _("The TLS files of the context “%s” cannot be used: "),
                          self->endpoint->context);
      }
      break;
    }

  /* remote-connectable: the socket for unix:// and ssh://; NULL lets tcp:// connect to its URL's host. */
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "remote-connectable", address,
                                "timeout", REQUEST_TIMEOUT_SECONDS,
                                "user-agent", "Matou/" PACKAGE_VERSION,
                                NULL);
  /* The context's CA is the only one trusted for its Engine, as for the docker CLI. */
  if (database != NULL)
    g_object_set (self->session, "tls-database", database, NULL);
}

static void
matou_engine_client_finalize (GObject *object)
{
  MatouEngineClient *self = MATOU_ENGINE_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_object (&self->relay);
  g_clear_object (&self->client_certificate);
  g_clear_error (&self->setup_error);
  matou_docker_endpoint_free (self->endpoint);
  g_free (self->base_uri);
  g_free (self->socket_path);

  G_OBJECT_CLASS (matou_engine_client_parent_class)->finalize (object);
}

static void
matou_engine_client_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MatouEngineClient *self = MATOU_ENGINE_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SOCKET_PATH:
      g_value_set_string (value, self->socket_path);
      break;

    case PROP_ENDPOINT:
      g_value_set_boxed (value, self->endpoint);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
matou_engine_client_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MatouEngineClient *self = MATOU_ENGINE_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SOCKET_PATH:
      self->socket_path = g_value_dup_string (value);
      break;

    case PROP_ENDPOINT:
      self->endpoint = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
matou_engine_client_class_init (MatouEngineClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = matou_engine_client_constructed;
  object_class->finalize = matou_engine_client_finalize;
  object_class->get_property = matou_engine_client_get_property;
  object_class->set_property = matou_engine_client_set_property;

  properties[PROP_SOCKET_PATH] =
    g_param_spec_string ("socket-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Either a socket path or an endpoint; the socket path wins when both are given. */
  properties[PROP_ENDPOINT] =
    g_param_spec_boxed ("endpoint", NULL, NULL,
                        MATOU_TYPE_DOCKER_ENDPOINT,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
matou_engine_client_init (MatouEngineClient *self)
{
}

MatouEngineClient *
matou_engine_client_new (const char *socket_path)
{
  g_return_val_if_fail (socket_path != NULL, NULL);

  return g_object_new (MATOU_TYPE_ENGINE_CLIENT, "socket-path", socket_path, NULL);
}

/**
 * matou_engine_client_new_for_endpoint:
 *
 * A client of the Engine at @endpoint (copied): its socket, its tcp://
 * address with the context's TLS material, or ssh:// through
 * `docker system dial-stdio` on that host.
 */
MatouEngineClient *
matou_engine_client_new_for_endpoint (const MatouDockerEndpoint *endpoint)
{
  g_return_val_if_fail (endpoint != NULL, NULL);

  return g_object_new (MATOU_TYPE_ENGINE_CLIENT, "endpoint", endpoint, NULL);
}

/* The socket the client talks to, or NULL for tcp:// and ssh:// Engines. */
const char *
matou_engine_client_get_socket_path (MatouEngineClient *self)
{
  g_return_val_if_fail (MATOU_IS_ENGINE_CLIENT (self), NULL);

  return self->endpoint->kind == MATOU_ENDPOINT_UNIX ? self->socket_path : NULL;
}

const MatouDockerEndpoint *
matou_engine_client_get_endpoint (MatouEngineClient *self)
{
  g_return_val_if_fail (MATOU_IS_ENGINE_CLIENT (self), NULL);

  return self->endpoint;
}

/* Every request of this client: the context's client certificate, and its choice to skip verification. */
static gboolean
accept_any_certificate_cb (SoupMessage          *message,
                           GTlsCertificate      *certificate,
                           GTlsCertificateFlags  errors,
                           gpointer              user_data)
{
  return TRUE;
}

static SoupMessage *
new_message (MatouEngineClient *self,
             const char        *path)
{
  g_autofree char *uri = g_strconcat (self->base_uri, path, NULL);
  SoupMessage *message = soup_message_new (SOUP_METHOD_GET, uri);

  if (message == NULL)
    return NULL;
  if (self->client_certificate != NULL)
    soup_message_set_tls_client_certificate (message, self->client_certificate);
  if (self->endpoint->tls_skip_verify)
    g_signal_connect (message, "accept-certificate", G_CALLBACK (accept_any_certificate_cb), NULL);

  return message;
}

/* The daemon explains its errors in {"message": "..."}. */
static char *
error_message_from_body (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  JsonNode *root;

  if (size == 0 || !matou_json_parser_load (parser, data, size, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return matou_json_dup_string (json_node_get_object (root), "message");
}

/* A connection through ssh that failed: what ssh said is the reason worth showing. */
static GError *
explain_error (MatouEngineClient *self,
               GError            *error)
{
  const char *said = self->relay != NULL ? matou_ssh_relay_get_last_error (self->relay) : NULL;
  GError *explained;

  if (said == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  explained = g_error_new (MATOU_ERROR, MATOU_ERROR_FAILED, _("%s (ssh said: %s)"), error->message, said);
  g_error_free (error);
  return explained;
}

typedef struct {
  SoupMessage *message;
} GetData;

static void
get_data_free (GetData *data)
{
  g_clear_object (&data->message);
  g_free (data);
}

static void
get_send_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (source);
  g_autoptr(GTask) task = user_data;
  GetData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  body = soup_session_send_and_read_finish (session, result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, explain_error (g_task_get_source_object (task), g_steal_pointer (&error)));
      return;
    }

  status = soup_message_get_status (data->message);
  if (status < 200 || status >= 300)
    {
      g_autofree char *message = error_message_from_body (body);

      g_task_return_new_error (task, MATOU_ERROR, MATOU_ERROR_HTTP,
                               _("The Docker daemon answered %u %s: %s"),
                               status,
                               soup_message_get_reason_phrase (data->message),
                               message != NULL ? message : _("no details given"));
      return;
    }

  if (g_bytes_get_size (body) > MAX_REPLY_SIZE)
    {
      g_task_return_new_error (task, MATOU_ERROR, MATOU_ERROR_BAD_REPLY,
                               _("The Docker daemon’s reply is too large to be read."));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
}

/**
 * matou_engine_client_get_async:
 * @path: an Engine API path such as "/info"
 *
 * Sends GET @path to the daemon. The reply body arrives as #GBytes; an HTTP
 * error status becomes %MATOU_ERROR_HTTP with the daemon's own message, and a
 * socket that is missing, refused or forbidden arrives as the #GIOError the
 * connection gave.
 */
void
matou_engine_client_get_async (MatouEngineClient   *self,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GetData *data;

  g_return_if_fail (MATOU_IS_ENGINE_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, matou_engine_client_get_async);

  data = g_new0 (GetData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) get_data_free);
  if (self->setup_error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->setup_error));
      return;
    }
  data->message = new_message (self, path);

  if (data->message == NULL)
    {
      g_task_return_new_error (task, MATOU_ERROR, MATOU_ERROR_FAILED,
                               "Invalid Engine API path %s", path);
      return;
    }

  soup_session_send_and_read_async (self->session, data->message,
                                    G_PRIORITY_DEFAULT, cancellable,
                                    get_send_cb, g_steal_pointer (&task));
}

GBytes *
matou_engine_client_get_finish (MatouEngineClient  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
matou_engine_snapshot_free (MatouEngineSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;

  g_free (snapshot->ping_api_version);
  matou_engine_version_free (snapshot->version);
  matou_engine_info_free (snapshot->info);
  g_free (snapshot);
}

/* The snapshot asks /_ping, /version and /info in turn; the first failure ends it. */
typedef enum {
  SNAPSHOT_PING,
  SNAPSHOT_VERSION,
  SNAPSHOT_INFO,
} SnapshotStage;

typedef struct {
  SnapshotStage        stage;
  MatouEngineSnapshot *snapshot;
} SnapshotData;

static void
snapshot_data_free (SnapshotData *data)
{
  matou_engine_snapshot_free (data->snapshot);
  g_free (data);
}

static void snapshot_next (GTask *task);

static void
snapshot_get_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MatouEngineClient *self = MATOU_ENGINE_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  SnapshotData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *bytes;
  gsize size;

  body = matou_engine_client_get_finish (self, result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = g_bytes_get_data (body, &size);

  switch (data->stage)
    {
    case SNAPSHOT_PING:
      data->stage = SNAPSHOT_VERSION;
      break;

    case SNAPSHOT_VERSION:
      data->snapshot->version = matou_engine_version_new_from_data (bytes, size, &error);
      data->stage = SNAPSHOT_INFO;
      break;

    case SNAPSHOT_INFO:
      data->snapshot->info = matou_engine_info_new_from_data (bytes, size, &error);
      if (data->snapshot->info != NULL)
        {
          g_task_return_pointer (task, g_steal_pointer (&data->snapshot),
                                 (GDestroyNotify) matou_engine_snapshot_free);
          return;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  snapshot_next (g_steal_pointer (&task));
}

static void
snapshot_ping_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (source);
  g_autoptr(GTask) task = user_data;
  SnapshotData *data = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (session, result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  body = soup_session_send_and_read_finish (session, result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, explain_error (g_task_get_source_object (task), g_steal_pointer (&error)));
      return;
    }

  if (soup_message_get_status (message) != SOUP_STATUS_OK)
    {
      g_task_return_new_error (task, MATOU_ERROR, MATOU_ERROR_HTTP,
                               _("The Docker daemon answered %u %s to a ping."),
                               soup_message_get_status (message),
                               soup_message_get_reason_phrase (message));
      return;
    }

  data->snapshot->ping_api_version =
    g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message), "Api-Version"));
  data->stage = SNAPSHOT_VERSION;
  snapshot_next (g_steal_pointer (&task));
}

static void
snapshot_next (GTask *task)
{
  MatouEngineClient *self = g_task_get_source_object (task);
  SnapshotData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  switch (data->stage)
    {
    case SNAPSHOT_PING:
      {
        /* /_ping is read separately for its Api-Version header. */
        g_autoptr(SoupMessage) message = NULL;

        if (self->setup_error != NULL)
          {
            g_task_return_error (task, g_error_copy (self->setup_error));
            g_object_unref (task);
            return;
          }
        message = new_message (self, "/_ping");
        soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                          cancellable, snapshot_ping_cb, task);
      }
      break;

    case SNAPSHOT_VERSION:
      matou_engine_client_get_async (self, "/version", cancellable, snapshot_get_cb, task);
      break;

    case SNAPSHOT_INFO:
      matou_engine_client_get_async (self, "/info", cancellable, snapshot_get_cb, task);
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * matou_engine_client_snapshot_async:
 *
 * Reads /_ping, /version and /info, in that order.
 */
void
matou_engine_client_snapshot_async (MatouEngineClient   *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  SnapshotData *data;

  g_return_if_fail (MATOU_IS_ENGINE_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, matou_engine_client_snapshot_async);
  data = g_new0 (SnapshotData, 1);
  data->stage = SNAPSHOT_PING;
  data->snapshot = g_new0 (MatouEngineSnapshot, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) snapshot_data_free);

  snapshot_next (task);
}

MatouEngineSnapshot *
matou_engine_client_snapshot_finish (MatouEngineClient  *self,
                                     GAsyncResult       *result,
                                     GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
