/* A private local socket whose every connection runs `ssh HOST docker system dial-stdio` and carries the bytes through. */
#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixsocketaddress.h>

#include "matou-error.h"
#include "matou-ssh-relay.h"

/* What ssh said on its way out; its first lines say why a login failed. */
#define MAX_STDERR (16 * 1024)

struct _MatouSshRelay
{
  GObject           parent_instance;

  char            **argv;
  char             *dir;          /* private (0700), under the user's runtime folder */
  char             *socket_path;
  GSocketService   *service;
  GPtrArray        *processes;    /* GSubprocess: one per open connection */
  char             *last_error;
};

G_DEFINE_FINAL_TYPE (MatouSshRelay, matou_ssh_relay, G_TYPE_OBJECT)

/**
 * matou_ssh_relay_build_argv:
 *
 * The docker CLI's command (cli/connhelper), never through a shell:
 * ssh -o BatchMode=yes -o ConnectTimeout=30 -T [-l USER] [-p PORT] -- HOST docker system dial-stdio.
 * BatchMode: there is no terminal to type a password or accept a host key in.
 */
char **
matou_ssh_relay_build_argv (const MatouDockerEndpoint *endpoint)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add_many (builder, "ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=30", "-T", NULL);
  if (endpoint->ssh_user != NULL)
    g_strv_builder_add_many (builder, "-l", endpoint->ssh_user, NULL);
  if (endpoint->port != 0)
    {
      g_autofree char *port = g_strdup_printf ("%u", endpoint->port);

      g_strv_builder_add_many (builder, "-p", port, NULL);
    }
  g_strv_builder_add_many (builder, "--", endpoint->address, "docker", "system", "dial-stdio", NULL);

  return g_strv_builder_end (builder);
}

/* One connection: its socket is closed once ssh's standard error has been read, so
 * that the reason ssh gave is known when the client sees the connection end. */
typedef struct {
  MatouSshRelay       *relay;     /* weak: the relay may go first */
  GSubprocess         *process;
  GSocketConnection   *socket_connection;
  GMemoryOutputStream *stderr_text;
  guint                pending;   /* the splice and the stderr read */
} Connection;

static void
connection_done (Connection *connection)
{
  if (--connection->pending > 0)
    return;

  g_subprocess_force_exit (connection->process);
  g_io_stream_close (G_IO_STREAM (connection->socket_connection), NULL, NULL);
  g_clear_weak_pointer (&connection->relay);
  g_clear_object (&connection->process);
  g_clear_object (&connection->socket_connection);
  g_clear_object (&connection->stderr_text);
  g_free (connection);
}

static void
stderr_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Connection *connection = user_data;
  gsize size;
  const char *data;

  g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, NULL);
  size = MIN (g_memory_output_stream_get_data_size (connection->stderr_text), MAX_STDERR);
  data = g_memory_output_stream_get_data (connection->stderr_text);
  if (connection->relay != NULL && size > 0)
    {
      g_autofree char *text = g_utf8_make_valid (data, size);

      g_free (connection->relay->last_error);
      connection->relay->last_error = g_strdup (g_strstrip (text));
    }
  connection_done (connection);
}

static void
splice_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_io_stream_splice_finish (result, NULL);
  connection_done (user_data);
}

static void
process_exited_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MatouSshRelay) self = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  g_ptr_array_remove (self->processes, source);
}

static gboolean
on_incoming_cb (GSocketService    *service,
                GSocketConnection *socket_connection,
                GObject           *source_object,
                gpointer           user_data)
{
  MatouSshRelay *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GIOStream) pipes = NULL;
  Connection *connection;

  process = g_subprocess_newv ((const char * const *) self->argv,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  if (process == NULL)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      g_io_stream_close (G_IO_STREAM (socket_connection), NULL, NULL);
      return TRUE;
    }

  g_ptr_array_add (self->processes, g_object_ref (process));
  g_subprocess_wait_async (process, NULL, process_exited_cb, g_object_ref (self));

  connection = g_new0 (Connection, 1);
  g_set_weak_pointer (&connection->relay, self);
  connection->process = g_object_ref (process);
  connection->socket_connection = g_object_ref (socket_connection);
  connection->pending = 2;
  connection->stderr_text = G_MEMORY_OUTPUT_STREAM (g_memory_output_stream_new_resizable ());
  g_output_stream_splice_async (G_OUTPUT_STREAM (connection->stderr_text),
                                g_subprocess_get_stderr_pipe (process),
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, stderr_read_cb, connection);

  /* Either end ending ends the connection: closing ssh's pipes ends ssh. */
  pipes = g_simple_io_stream_new (g_subprocess_get_stdout_pipe (process),
                                  g_subprocess_get_stdin_pipe (process));
  g_io_stream_splice_async (G_IO_STREAM (socket_connection), pipes,
                            G_IO_STREAM_SPLICE_CLOSE_STREAM2,
                            G_PRIORITY_DEFAULT, NULL, splice_done_cb, connection);

  return TRUE;
}

static void
matou_ssh_relay_dispose (GObject *object)
{
  MatouSshRelay *self = MATOU_SSH_RELAY (object);

  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
      g_clear_object (&self->service);
    }
  if (self->processes != NULL)
    for (guint i = 0; i < self->processes->len; i++)
      g_subprocess_force_exit (g_ptr_array_index (self->processes, i));
  if (self->socket_path != NULL)
    g_unlink (self->socket_path);
  if (self->dir != NULL)
    g_rmdir (self->dir);

  G_OBJECT_CLASS (matou_ssh_relay_parent_class)->dispose (object);
}

static void
matou_ssh_relay_finalize (GObject *object)
{
  MatouSshRelay *self = MATOU_SSH_RELAY (object);

  g_clear_pointer (&self->processes, g_ptr_array_unref);
  g_strfreev (self->argv);
  g_free (self->socket_path);
  g_free (self->dir);
  g_free (self->last_error);

  G_OBJECT_CLASS (matou_ssh_relay_parent_class)->finalize (object);
}

static void
matou_ssh_relay_class_init (MatouSshRelayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = matou_ssh_relay_dispose;
  object_class->finalize = matou_ssh_relay_finalize;
}

static void
matou_ssh_relay_init (MatouSshRelay *self)
{
  self->processes = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * matou_ssh_relay_new:
 *
 * Listens on a socket in a folder only this user may enter: whoever can
 * connect to it uses the user's ssh login to the Engine.
 */
MatouSshRelay *
matou_ssh_relay_new (const MatouDockerEndpoint  *endpoint,
                     GError                    **error)
{
  g_autoptr(MatouSshRelay) self = g_object_new (MATOU_TYPE_SSH_RELAY, NULL);
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *template = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (endpoint->kind == MATOU_ENDPOINT_SSH, NULL);

  self->argv = matou_ssh_relay_build_argv (endpoint);
  template = g_build_filename (g_get_user_runtime_dir (), "matou-ssh-XXXXXX", NULL);
  self->dir = g_mkdtemp_full (template, 0700) != NULL ? g_steal_pointer (&template) : NULL;
  if (self->dir == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, MATOU_ERROR, MATOU_ERROR_IO,
                   _("Matou cannot make its private folder for the ssh connection in %s: %s"),
                   g_get_user_runtime_dir (), g_strerror (saved_errno));
      return NULL;
    }

  self->socket_path = g_build_filename (self->dir, "engine.sock", NULL);
  address = g_unix_socket_address_new (self->socket_path);
  self->service = g_socket_service_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
                                      NULL, NULL, &local_error))
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming_cb), self);
  g_socket_service_start (self->service);

  return g_steal_pointer (&self);
}

const char *
matou_ssh_relay_get_socket_path (MatouSshRelay *self)
{
  return self->socket_path;
}

/* What ssh last wrote on its standard error, or NULL. */
const char *
matou_ssh_relay_get_last_error (MatouSshRelay *self)
{
  return self->last_error;
}
