/* Which Docker Engine to talk to, chosen the way the docker CLI chooses: DOCKER_HOST, DOCKER_CONTEXT, the current context. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "matou-docker-endpoint.h"
#include "matou-docker-host.h"
#include "matou-error.h"
#include "matou-json.h"
#include "matou-rootless.h"

/* docker: 2375 for plain HTTP, 2376 for TLS (cli/opts/hosts.go). */
#define DEFAULT_TCP_PORT     2375
#define DEFAULT_TLS_TCP_PORT 2376
/* meta.json files are a few hundred bytes. */
#define MAX_META_SIZE        (256 * 1024)

G_DEFINE_BOXED_TYPE (MatouDockerEndpoint, matou_docker_endpoint, matou_docker_endpoint_copy, matou_docker_endpoint_free)

void
matou_docker_endpoint_free (MatouDockerEndpoint *endpoint)
{
  if (endpoint == NULL)
    return;

  g_free (endpoint->context);
  g_free (endpoint->description);
  g_free (endpoint->host);
  g_free (endpoint->socket_path);
  g_free (endpoint->address);
  g_free (endpoint->ssh_user);
  g_free (endpoint->ca_file);
  g_free (endpoint->cert_file);
  g_free (endpoint->key_file);
  g_free (endpoint);
}

MatouDockerEndpoint *
matou_docker_endpoint_copy (const MatouDockerEndpoint *endpoint)
{
  MatouDockerEndpoint *copy = g_memdup2 (endpoint, sizeof *endpoint);

  copy->context = g_strdup (endpoint->context);
  copy->description = g_strdup (endpoint->description);
  copy->host = g_strdup (endpoint->host);
  copy->socket_path = g_strdup (endpoint->socket_path);
  copy->address = g_strdup (endpoint->address);
  copy->ssh_user = g_strdup (endpoint->ssh_user);
  copy->ca_file = g_strdup (endpoint->ca_file);
  copy->cert_file = g_strdup (endpoint->cert_file);
  copy->key_file = g_strdup (endpoint->key_file);

  return copy;
}

/* A host or user name handed to ssh as an argument: nothing ssh could read as an option or that a shell would split. */
static gboolean
is_plain_ssh_word (const char *word)
{
  if (word == NULL || *word == '\0' || *word == '-')
    return FALSE;

  for (const char *p = word; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p) || g_ascii_isspace (*p) || *p == '\'' || *p == '"' || *p == '\\')
      return FALSE;

  return TRUE;
}

/**
 * matou_docker_endpoint_new_for_host:
 * @host: a Docker host URL: unix:///path, tcp://host[:port] or ssh://[user@]host[:port]
 *
 * Returns: (transfer full): the endpoint (TLS off, no context), or %NULL with
 *   %MATOU_ERROR_INVALID_HOST or %MATOU_ERROR_UNSUPPORTED_HOST.
 */
MatouDockerEndpoint *
matou_docker_endpoint_new_for_host (const char  *host,
                                    GError     **error)
{
  g_autoptr(MatouDockerEndpoint) endpoint = g_new0 (MatouDockerEndpoint, 1);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *scheme = NULL;
  const char *path;

  g_return_val_if_fail (host != NULL, NULL);

  endpoint->host = g_strdup (host);
  scheme = g_uri_parse_scheme (host);
  if (scheme != NULL && g_ascii_strcasecmp (scheme, "unix") == 0)
    {
      endpoint->kind = MATOU_ENDPOINT_UNIX;
      endpoint->socket_path = matou_docker_host_resolve_socket (host, error);
      return endpoint->socket_path != NULL ? g_steal_pointer (&endpoint) : NULL;
    }

  if (scheme == NULL)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_HOST,
                   _("The Docker host “%s” is not a URL. Write it as unix:///path/to/docker.sock, tcp://HOST:PORT or ssh://USER@HOST."),
                   host);
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "tcp") != 0 && g_ascii_strcasecmp (scheme, "ssh") != 0)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_UNSUPPORTED_HOST,
                   _("The Docker host is “%s”. Matou talks to an Engine through unix://, tcp:// or ssh://; %s:// hosts are not supported."),
                   host, scheme);
      return NULL;
    }

  uri = g_uri_parse (host, G_URI_FLAGS_NONE, NULL);
  path = uri != NULL ? g_uri_get_path (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (path != NULL && *path != '\0' && !g_str_equal (path, "/")) ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_HOST,
                   _("The Docker host “%s” does not name a host and nothing else. Write it as tcp://HOST:PORT or ssh://USER@HOST."),
                   host);
      return NULL;
    }

  endpoint->address = g_strdup (g_uri_get_host (uri));
  if (g_ascii_strcasecmp (scheme, "tcp") == 0)
    {
      endpoint->kind = MATOU_ENDPOINT_TCP;
      /* 0 until TLS is known: settle_port() picks the CLI's default. */
      endpoint->port = g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 0;
      if (g_uri_get_userinfo (uri) != NULL)
        {
          g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_HOST,
                       _("The Docker host “%s” holds a user name, which tcp:// hosts do not take."), host);
          return NULL;
        }
    }
  else
    {
      endpoint->kind = MATOU_ENDPOINT_SSH;
      endpoint->port = g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 0;
      endpoint->ssh_user = g_strdup (g_uri_get_user (uri));
      if (strchr (g_uri_get_userinfo (uri) != NULL ? g_uri_get_userinfo (uri) : "", ':') != NULL ||
          !is_plain_ssh_word (endpoint->address) ||
          (endpoint->ssh_user != NULL && !is_plain_ssh_word (endpoint->ssh_user)))
        {
          g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_HOST,
                       _("The Docker host “%s” is not a plain ssh://USER@HOST[:PORT]. A password, spaces, quotes or a leading “-” are not allowed."),
                       host);
          return NULL;
        }
    }

  return g_steal_pointer (&endpoint);
}

/* The folder under contexts/meta and contexts/tls: the SHA-256 of the name, in hex. */
char *
matou_docker_endpoint_context_id (const char *name)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);
}

static const char *
env_get (const char * const *envp,
         const char         *name)
{
  const char *value = g_environ_getenv ((char **) envp, name);

  return value != NULL && *value != '\0' ? value : NULL;
}

/* $DOCKER_CONFIG, else ~/.docker, as the CLI's config.Dir(). */
static char *
config_dir (const char * const *envp)
{
  const char *dir = env_get (envp, "DOCKER_CONFIG");
  const char *home = env_get (envp, "HOME");

  if (dir != NULL)
    return g_strdup (dir);

  return g_build_filename (home != NULL ? home : g_get_home_dir (), ".docker", NULL);
}

static char *
existing_file (const char *dir,
               const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR) ? g_steal_pointer (&path) : NULL;
}

/* tcp:// without a port: 2376 with TLS, 2375 without, as the CLI does. */
static void
settle_port (MatouDockerEndpoint *endpoint)
{
  if (endpoint->kind == MATOU_ENDPOINT_TCP && endpoint->port == 0)
    endpoint->port = endpoint->tls ? DEFAULT_TLS_TCP_PORT : DEFAULT_TCP_PORT;
}

/* Where the choice came from, for messages. */
static char *
describe_source (MatouEndpointSource  source,
                 const char          *config_path)
{
  switch (source)
    {
    case MATOU_ENDPOINT_FROM_DOCKER_CONTEXT:
      return g_strdup (_("the DOCKER_CONTEXT variable"));
    case MATOU_ENDPOINT_FROM_CONFIG:
      return g_strdup_printf (_("currentContext in %s"), config_path);
    case MATOU_ENDPOINT_FROM_CHOICE:
      return g_strdup (_("your choice in Matou"));
    case MATOU_ENDPOINT_FROM_DOCKER_HOST:
    case MATOU_ENDPOINT_FROM_DEFAULT:
    default:
      return g_strdup ("DOCKER_HOST");
    }
}

/* The context "default": DOCKER_HOST, else the local socket; TLS as DOCKER_TLS_VERIFY says. */
static MatouDockerEndpoint *
default_endpoint (const char * const  *envp,
                  const char          *dir,
                  MatouEndpointSource  source,
                  GError             **error)
{
  const char *docker_host = env_get (envp, "DOCKER_HOST");
  g_autoptr(MatouDockerEndpoint) endpoint = NULL;
  g_autoptr(GError) local_error = NULL;

  endpoint = matou_docker_endpoint_new_for_host (docker_host != NULL ? docker_host : "unix://" MATOU_DEFAULT_DOCKER_SOCKET,
                                                 &local_error);
  if (endpoint == NULL)
    {
      /* A unix:// message names DOCKER_HOST already. */
      if (g_str_has_prefix (docker_host, "unix:"))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "DOCKER_HOST: ");
      return NULL;
    }

  endpoint->source = docker_host != NULL && source == MATOU_ENDPOINT_FROM_DEFAULT ? MATOU_ENDPOINT_FROM_DOCKER_HOST : source;
  endpoint->context = g_strdup ("default");

  if (endpoint->kind == MATOU_ENDPOINT_TCP && env_get (envp, "DOCKER_TLS_VERIFY") != NULL)
    {
      const char *cert_path = env_get (envp, "DOCKER_CERT_PATH");
      const char *tls_dir = cert_path != NULL ? cert_path : dir;

      endpoint->tls = TRUE;
      endpoint->ca_file = existing_file (tls_dir, "ca.pem");
      endpoint->cert_file = existing_file (tls_dir, "cert.pem");
      endpoint->key_file = existing_file (tls_dir, "key.pem");
    }

  settle_port (endpoint);
  return g_steal_pointer (&endpoint);
}

static gboolean
is_valid_context_name (const char *name)
{
  /* cli/context/store: ^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$ */
  if (!g_ascii_isalnum (name[0]) || name[1] == '\0')
    return FALSE;

  for (const char *p = name + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_.+-", *p) == NULL)
      return FALSE;

  return TRUE;
}

/* Where a rootless daemon's socket is, as dockerd-rootless.sh places it:
 * $XDG_RUNTIME_DIR/docker.sock; NULL without a runtime directory. */
static char *
rootless_socket (const char * const *envp)
{
  g_auto(MatouRootlessPlaces) places = { 0 };

  matou_rootless_places_init (&places, g_get_home_dir (), g_get_user_config_dir (), env_get (envp, "XDG_RUNTIME_DIR"));
  return g_steal_pointer (&places.socket);
}

/* The user's rootless daemon as a context of its own, named "rootless" as
 * dockerd-rootless-setuptool.sh names the one it creates; NULL when no
 * such daemon has its socket in the runtime directory. */
static MatouDockerEndpoint *
rootless_endpoint (const char * const *envp)
{
  g_autofree char *socket = rootless_socket (envp);
  g_autofree char *host = NULL;
  MatouDockerEndpoint *endpoint;

  if (socket == NULL || !g_file_test (socket, G_FILE_TEST_EXISTS))
    return NULL;
  host = g_strconcat ("unix://", socket, NULL);
  endpoint = matou_docker_endpoint_new_for_host (host, NULL);
  if (endpoint == NULL)
    return NULL;
  endpoint->source = MATOU_ENDPOINT_FROM_CHOICE;
  endpoint->context = g_strdup (MATOU_ROOTLESS_CONTEXT);
  endpoint->description = g_strdup (_("Your rootless Docker daemon"));
  return endpoint;
}

static gboolean
context_exists (const char *dir,
                const char *name)
{
  g_autofree char *id = matou_docker_endpoint_context_id (name);
  g_autofree char *meta_path = g_build_filename (dir, "contexts", "meta", id, "meta.json", NULL);

  return g_file_test (meta_path, G_FILE_TEST_EXISTS);
}

/**
 * matou_docker_endpoint_is_rootless:
 * @envp: the environment (XDG_RUNTIME_DIR)
 *
 * Whether the endpoint is this user's own rootless daemon: the socket
 * dockerd-rootless.sh makes in the runtime directory. Matou applies to it
 * as the user, without pkexec.
 */
gboolean
matou_docker_endpoint_is_rootless (const MatouDockerEndpoint *endpoint,
                                   const char * const        *envp)
{
  g_autofree char *socket = rootless_socket (envp);

  return endpoint->kind == MATOU_ENDPOINT_UNIX && socket != NULL && g_strcmp0 (endpoint->socket_path, socket) == 0;
}

/* Reads contexts/meta/ID/meta.json into an endpoint, with the TLS material of contexts/tls/ID/docker. */
static MatouDockerEndpoint *
load_context (const char  *dir,
              const char  *name,
              GError     **error)
{
  g_autofree char *id = matou_docker_endpoint_context_id (name);
  g_autofree char *meta_path = g_build_filename (dir, "contexts", "meta", id, "meta.json", NULL);
  g_autofree char *tls_dir = g_build_filename (dir, "contexts", "tls", id, "docker", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MatouDockerEndpoint) endpoint = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *meta_name = NULL;
  g_autofree char *host = NULL;
  JsonObject *root, *docker, *metadata;
  gsize length;

  if (!g_file_get_contents (meta_path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, MATOU_ERROR, MATOU_ERROR_CONTEXT,
                     _("There is no docker context “%s”: %s is missing. “docker context ls” lists the contexts there are."),
                     name, meta_path);
      else
        g_set_error (error, MATOU_ERROR, MATOU_ERROR_CONTEXT,
                     _("The docker context “%s” cannot be read: %s"), name, local_error->message);
      return NULL;
    }

  if (length > MAX_META_SIZE || !matou_json_parser_load (parser, contents, length, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_CONTEXT,
                   _("The docker context “%s” is broken: %s does not hold a JSON object."), name, meta_path);
      return NULL;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  meta_name = matou_json_dup_string (root, "Name");
  docker = matou_json_get_object (matou_json_get_object (root, "Endpoints"), "docker");
  host = docker != NULL ? matou_json_dup_string (docker, "Host") : NULL;
  if (host == NULL || *host == '\0' || g_strcmp0 (meta_name, name) != 0)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_CONTEXT,
                   _("The docker context “%s” is broken: %s names no Docker host for it."), name, meta_path);
      return NULL;
    }

  endpoint = matou_docker_endpoint_new_for_host (host, &local_error);
  if (endpoint == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("The docker context “%s”: %s"), name, local_error->message);
      return NULL;
    }

  endpoint->context = g_strdup (name);
  metadata = matou_json_get_object (root, "Metadata");
  endpoint->description = metadata != NULL ? matou_json_dup_string (metadata, "Description") : NULL;
  if (endpoint->description != NULL && *endpoint->description == '\0')
    g_clear_pointer (&endpoint->description, g_free);

  if (endpoint->kind == MATOU_ENDPOINT_TCP)
    {
      /* As cli/context/docker/load.go: TLS when there is TLS material or verification is skipped. */
      endpoint->tls_skip_verify = matou_json_get_bool (docker, "SkipTLSVerify");
      endpoint->ca_file = existing_file (tls_dir, "ca.pem");
      endpoint->cert_file = existing_file (tls_dir, "cert.pem");
      endpoint->key_file = existing_file (tls_dir, "key.pem");
      endpoint->tls = endpoint->tls_skip_verify || endpoint->ca_file != NULL ||
                      endpoint->cert_file != NULL || endpoint->key_file != NULL;
      if ((endpoint->cert_file == NULL) != (endpoint->key_file == NULL))
        {
          g_set_error (error, MATOU_ERROR, MATOU_ERROR_CONTEXT,
                       _("The docker context “%s” is broken: %s holds a certificate without its key, or a key without its certificate."),
                       name, tls_dir);
          return NULL;
        }
    }

  settle_port (endpoint);
  return g_steal_pointer (&endpoint);
}

/**
 * matou_docker_endpoint_resolve:
 * @envp: the environment to read (DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG,
 *   DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, HOME)
 * @choice: (nullable): a context the user picked in Matou; %NULL or "" to
 *   follow the docker CLI
 *
 * A picked context wins, as `docker --context` does; then DOCKER_HOST, then
 * DOCKER_CONTEXT, then currentContext in config.json, then "default".
 *
 * Returns: (transfer full): the endpoint, or %NULL with @error set.
 */
MatouDockerEndpoint *
matou_docker_endpoint_resolve (const char * const  *envp,
                               const char          *choice,
                               GError             **error)
{
  g_autofree char *dir = config_dir (envp);
  g_autofree char *config_path = g_build_filename (dir, "config.json", NULL);
  g_autofree char *current = NULL;
  g_autoptr(MatouDockerEndpoint) endpoint = NULL;
  g_autoptr(GError) local_error = NULL;
  MatouEndpointSource source;
  const char *name;

  if (choice != NULL && *choice != '\0')
    {
      name = choice;
      source = MATOU_ENDPOINT_FROM_CHOICE;
    }
  else if (env_get (envp, "DOCKER_HOST") != NULL)
    {
      name = "default";
      source = MATOU_ENDPOINT_FROM_DOCKER_HOST;
    }
  else if (env_get (envp, "DOCKER_CONTEXT") != NULL)
    {
      name = env_get (envp, "DOCKER_CONTEXT");
      source = MATOU_ENDPOINT_FROM_DOCKER_CONTEXT;
    }
  else
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *contents = NULL;
      gsize length;

      name = "default";
      source = MATOU_ENDPOINT_FROM_DEFAULT;
      if (g_file_get_contents (config_path, &contents, &length, NULL))
        {
          if (!matou_json_parser_load (parser, contents, length, NULL) ||
              !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
            {
              g_set_error (error, MATOU_ERROR, MATOU_ERROR_CONTEXT,
                           _("%s does not hold a JSON object, so the docker command cannot say which context it uses. Fix or remove the file."),
                           config_path);
              return NULL;
            }
          current = matou_json_dup_string (json_node_get_object (json_parser_get_root (parser)), "currentContext");
          if (current != NULL && *current != '\0')
            {
              name = current;
              source = MATOU_ENDPOINT_FROM_CONFIG;
            }
        }
    }

  if (g_str_equal (name, "default"))
    return default_endpoint (envp, dir, source, error);

  if (!is_valid_context_name (name))
    {
      g_autofree char *where = describe_source (source, config_path);

      g_set_error (error, MATOU_ERROR, MATOU_ERROR_CONTEXT,
                   _("“%s” (from %s) is not a docker context name: names start with a letter or digit and hold only letters, digits and “_.+-”."),
                   name, where);
      return NULL;
    }

  /* The user's rootless daemon is listed even without a context of that name. */
  if (g_str_equal (name, MATOU_ROOTLESS_CONTEXT) && !context_exists (dir, name))
    endpoint = rootless_endpoint (envp);
  if (endpoint == NULL)
    endpoint = load_context (dir, name, &local_error);
  if (endpoint == NULL)
    {
      g_autofree char *where = describe_source (source, config_path);

      g_set_error (error, local_error->domain, local_error->code,
                   _("%s (The context was chosen by %s.)"), local_error->message, where);
      return NULL;
    }

  endpoint->source = source;
  return g_steal_pointer (&endpoint);
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  const MatouDockerEndpoint *ea = *(MatouDockerEndpoint * const *) a;
  const MatouDockerEndpoint *eb = *(MatouDockerEndpoint * const *) b;

  return g_strcmp0 (ea->context, eb->context);
}

/**
 * matou_docker_endpoint_list_contexts:
 *
 * Returns: (transfer full) (element-type MatouDockerEndpoint): "default"
 *   first, then every readable context of contexts/meta by name, as
 *   `docker context ls` lists them, and "rootless" for the user's rootless
 *   daemon when no context has that name. Broken contexts are left out.
 */
GPtrArray *
matou_docker_endpoint_list_contexts (const char * const *envp)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) matou_docker_endpoint_free);
  g_autofree char *dir = config_dir (envp);
  g_autofree char *meta_dir = g_build_filename (dir, "contexts", "meta", NULL);
  g_autoptr(GDir) folder = g_dir_open (meta_dir, 0, NULL);
  MatouDockerEndpoint *fallback;
  const char *entry;

  fallback = default_endpoint (envp, dir, MATOU_ENDPOINT_FROM_DEFAULT, NULL);
  if (fallback != NULL)
    g_ptr_array_add (list, fallback);

  while (folder != NULL && (entry = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (meta_dir, entry, "meta.json", NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *contents = NULL;
      g_autofree char *name = NULL;
      g_autofree char *id = NULL;
      MatouDockerEndpoint *endpoint;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, NULL) || length > MAX_META_SIZE ||
          !matou_json_parser_load (parser, contents, length, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;

      name = matou_json_dup_string (json_node_get_object (json_parser_get_root (parser)), "Name");
      if (name == NULL || !is_valid_context_name (name) || g_str_equal (name, "default"))
        continue;
      id = matou_docker_endpoint_context_id (name);
      if (!g_str_equal (id, entry))
        continue;

      endpoint = load_context (dir, name, NULL);
      if (endpoint != NULL)
        {
          endpoint->source = MATOU_ENDPOINT_FROM_CHOICE;
          g_ptr_array_add (list, endpoint);
        }
    }

  /* A rootless daemon without a context: listed as dockerd-rootless-setuptool.sh would have made it. */
  if (!context_exists (dir, MATOU_ROOTLESS_CONTEXT))
    {
      MatouDockerEndpoint *rootless = rootless_endpoint (envp);

      if (rootless != NULL && fallback != NULL && g_strcmp0 (rootless->socket_path, fallback->socket_path) == 0)
        g_clear_pointer (&rootless, matou_docker_endpoint_free);
      if (rootless != NULL)
        g_ptr_array_add (list, rootless);
    }

  /* "default" stays first; the others by name. */
  if (fallback != NULL)
    g_ptr_array_steal_index (list, 0);
  g_ptr_array_sort (list, compare_by_name);
  if (fallback != NULL)
    g_ptr_array_insert (list, 0, fallback);

  return g_steal_pointer (&list);
}

/* Whether settings made on this computer can reach that Engine: a local socket. */
gboolean
matou_docker_endpoint_is_local (const MatouDockerEndpoint *endpoint)
{
  return endpoint->kind == MATOU_ENDPOINT_UNIX;
}
