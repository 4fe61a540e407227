/* Which Engine Matou talks to: DOCKER_HOST, DOCKER_CONTEXT and currentContext over fixture context stores. */
#include <glib/gstdio.h>

#include "matou-docker-endpoint.h"
#include "matou-error.h"
#include "matou-test-util.h"

/* A temporary HOME whose ~/.docker/contexts is tests/fixtures/docker-config/contexts. */
typedef struct {
  char  *home;
  char  *docker_dir;
  char **envp;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contexts = matou_test_fixture_path ("docker-config/contexts");
  g_autofree char *link = NULL;
  g_autoptr(GFile) file = NULL;

  fixture->home = g_dir_make_tmp ("matou-endpoint-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->docker_dir = g_build_filename (fixture->home, ".docker", NULL);
  g_assert_cmpint (g_mkdir (fixture->docker_dir, 0700), ==, 0);
  link = g_build_filename (fixture->docker_dir, "contexts", NULL);
  file = g_file_new_for_path (link);
  g_file_make_symbolic_link (file, contexts, NULL, &error);
  g_assert_no_error (error);

  /* Only what the test gives: nothing of the environment the tests run in. */
  fixture->envp = g_environ_setenv (NULL, "HOME", fixture->home, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *link = g_build_filename (fixture->docker_dir, "contexts", NULL);
  g_autofree char *config = g_build_filename (fixture->docker_dir, "config.json", NULL);

  g_unlink (link);
  g_unlink (config);
  g_rmdir (fixture->docker_dir);
  g_rmdir (fixture->home);
  g_free (fixture->docker_dir);
  g_free (fixture->home);
  g_strfreev (fixture->envp);
}

static void
set_env (Fixture    *fixture,
         const char *name,
         const char *value)
{
  fixture->envp = g_environ_setenv (fixture->envp, name, value, TRUE);
}

static void
write_config (Fixture    *fixture,
              const char *text)
{
  g_autofree char *path = g_build_filename (fixture->docker_dir, "config.json", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static MatouDockerEndpoint *
resolve (Fixture    *fixture,
         const char *choice)
{
  g_autoptr(GError) error = NULL;
  MatouDockerEndpoint *endpoint = matou_docker_endpoint_resolve ((const char * const *) fixture->envp, choice, &error);

  g_assert_no_error (error);
  g_assert_nonnull (endpoint);
  return endpoint;
}

static void
test_nothing_set (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MatouDockerEndpoint) endpoint = resolve (fixture, NULL);

  g_assert_cmpint (endpoint->kind, ==, MATOU_ENDPOINT_UNIX);
  g_assert_cmpint (endpoint->source, ==, MATOU_ENDPOINT_FROM_DEFAULT);
  g_assert_cmpstr (endpoint->context, ==, "default");
  g_assert_cmpstr (endpoint->socket_path, ==, "/var/run/docker.sock");
  g_assert_true (matou_docker_endpoint_is_local (endpoint));
}

static void
test_docker_host_wins (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(MatouDockerEndpoint) endpoint = NULL;

  set_env (fixture, "DOCKER_HOST", "tcp://127.0.0.1:12375");
  set_env (fixture, "DOCKER_CONTEXT", "remote-tls");
  write_config (fixture, "{\"currentContext\": \"build-box\"}");
  endpoint = resolve (fixture, NULL);

  g_assert_cmpint (endpoint->source, ==, MATOU_ENDPOINT_FROM_DOCKER_HOST);
  g_assert_cmpstr (endpoint->context, ==, "default");
  g_assert_cmpint (endpoint->kind, ==, MATOU_ENDPOINT_TCP);
  g_assert_cmpstr (endpoint->address, ==, "127.0.0.1");
  g_assert_cmpuint (endpoint->port, ==, 12375);
  g_assert_false (endpoint->tls);
  g_assert_false (matou_docker_endpoint_is_local (endpoint));
}

static void
test_docker_context_over_config (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(MatouDockerEndpoint) endpoint = NULL;
  g_autofree char *id = matou_docker_endpoint_context_id ("remote-tls");
  g_autofree char *ca = g_build_filename (fixture->docker_dir, "contexts", "tls", id, "docker", "ca.pem", NULL);
  g_autofree char *key = g_build_filename (fixture->docker_dir, "contexts", "tls", id, "docker", "key.pem", NULL);

  set_env (fixture, "DOCKER_CONTEXT", "remote-tls");
  write_config (fixture, "{\"currentContext\": \"build-box\"}");
  endpoint = resolve (fixture, NULL);

  g_assert_cmpint (endpoint->source, ==, MATOU_ENDPOINT_FROM_DOCKER_CONTEXT);
  g_assert_cmpstr (endpoint->context, ==, "remote-tls");
  g_assert_cmpstr (endpoint->description, ==, "Build server");
  g_assert_cmpstr (endpoint->host, ==, "tcp://192.0.2.10");
  g_assert_cmpint (endpoint->kind, ==, MATOU_ENDPOINT_TCP);
  /* TLS material is there, the URL names no port: the CLI's TLS port. */
  g_assert_true (endpoint->tls);
  g_assert_false (endpoint->tls_skip_verify);
  g_assert_cmpuint (endpoint->port, ==, 2376);
  g_assert_cmpstr (endpoint->ca_file, ==, ca);
  g_assert_cmpstr (endpoint->key_file, ==, key);
  g_assert_nonnull (endpoint->cert_file);
}

static void
test_current_context (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MatouDockerEndpoint) endpoint = NULL;

  write_config (fixture, "{\"auths\": {}, \"currentContext\": \"build-box\"}");
  endpoint = resolve (fixture, NULL);

  g_assert_cmpint (endpoint->source, ==, MATOU_ENDPOINT_FROM_CONFIG);
  g_assert_cmpint (endpoint->kind, ==, MATOU_ENDPOINT_SSH);
  g_assert_cmpstr (endpoint->context, ==, "build-box");
  g_assert_cmpstr (endpoint->ssh_user, ==, "me");
  g_assert_cmpstr (endpoint->address, ==, "build-box");
  g_assert_cmpuint (endpoint->port, ==, 2222);
}

static void
test_docker_config_dir (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MatouDockerEndpoint) endpoint = NULL;
  g_autofree char *elsewhere = matou_test_fixture_path ("docker-config");

  /* DOCKER_CONFIG moves config.json and the contexts: the HOME one is not read. */
  write_config (fixture, "{\"currentContext\": \"no-such-context\"}");
  set_env (fixture, "DOCKER_CONFIG", elsewhere);
  set_env (fixture, "DOCKER_CONTEXT", "rootless");
  endpoint = resolve (fixture, NULL);

  g_assert_cmpint (endpoint->kind, ==, MATOU_ENDPOINT_UNIX);
  g_assert_cmpstr (endpoint->socket_path, ==, "/run/user/1000/docker.sock");
  g_assert_true (matou_docker_endpoint_is_local (endpoint));
}

static void
test_choice_wins (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MatouDockerEndpoint) endpoint = NULL;
  g_autoptr(MatouDockerEndpoint) skip = NULL;

  set_env (fixture, "DOCKER_HOST", "unix:///tmp/elsewhere.sock");
  endpoint = resolve (fixture, "plain-tcp");
  g_assert_cmpint (endpoint->source, ==, MATOU_ENDPOINT_FROM_CHOICE);
  g_assert_cmpint (endpoint->kind, ==, MATOU_ENDPOINT_TCP);
  g_assert_false (endpoint->tls);
  g_assert_cmpuint (endpoint->port, ==, 2375);

  skip = resolve (fixture, "skip-verify");
  g_assert_true (skip->tls);
  g_assert_true (skip->tls_skip_verify);
  g_assert_null (skip->ca_file);
  g_assert_null (skip->cert_file);
}

static void
test_default_context_by_name (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(MatouDockerEndpoint) endpoint = NULL;
  g_autoptr(MatouDockerEndpoint) chosen = NULL;

  write_config (fixture, "{\"currentContext\": \"build-box\"}");
  set_env (fixture, "DOCKER_CONTEXT", "default");
  endpoint = resolve (fixture, NULL);
  g_assert_cmpint (endpoint->source, ==, MATOU_ENDPOINT_FROM_DOCKER_CONTEXT);
  g_assert_cmpstr (endpoint->socket_path, ==, "/var/run/docker.sock");

  /* The context "default" is DOCKER_HOST when that is set, as for the CLI. */
  set_env (fixture, "DOCKER_HOST", "unix:///tmp/test.sock");
  chosen = resolve (fixture, "default");
  g_assert_cmpint (chosen->source, ==, MATOU_ENDPOINT_FROM_CHOICE);
  g_assert_cmpstr (chosen->socket_path, ==, "/tmp/test.sock");
}

static void
test_tls_verify_variables (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(MatouDockerEndpoint) endpoint = NULL;
  g_autofree char *id = matou_docker_endpoint_context_id ("remote-tls");
  g_autofree char *certs = g_build_filename (fixture->docker_dir, "contexts", "tls", id, "docker", NULL);
  g_autofree char *cert = g_build_filename (certs, "cert.pem", NULL);

  set_env (fixture, "DOCKER_HOST", "tcp://192.0.2.20");
  set_env (fixture, "DOCKER_TLS_VERIFY", "1");
  set_env (fixture, "DOCKER_CERT_PATH", certs);
  endpoint = resolve (fixture, NULL);

  g_assert_true (endpoint->tls);
  g_assert_cmpuint (endpoint->port, ==, 2376);
  g_assert_cmpstr (endpoint->cert_file, ==, cert);
}

static void
assert_refused (Fixture    *fixture,
                const char *choice,
                int         code,
                const char *mentions)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouDockerEndpoint) endpoint =
    matou_docker_endpoint_resolve ((const char * const *) fixture->envp, choice, &error);

  g_assert_null (endpoint);
  g_assert_error (error, MATOU_ERROR, code);
  if (strstr (error->message, mentions) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, mentions);
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  set_env (fixture, "DOCKER_CONTEXT", "gone");
  assert_refused (fixture, NULL, MATOU_ERROR_CONTEXT, "DOCKER_CONTEXT");
  assert_refused (fixture, NULL, MATOU_ERROR_CONTEXT, "“gone”");
  assert_refused (fixture, "broken", MATOU_ERROR_CONTEXT, "broken");
  assert_refused (fixture, "half-tls", MATOU_ERROR_CONTEXT, "without its key");
  assert_refused (fixture, "npipe", MATOU_ERROR_UNSUPPORTED_HOST, "npipe://");
  /* A name that would walk out of contexts/meta is not even looked up. */
  assert_refused (fixture, "../../etc", MATOU_ERROR_CONTEXT, "not a docker context name");
}

static void
test_broken_config (Fixture       *fixture,
                    gconstpointer  data)
{
  write_config (fixture, "{\"currentContext\": ");
  assert_refused (fixture, NULL, MATOU_ERROR_CONTEXT, "config.json");
}

static void
test_hosts (void)
{
  const struct { const char *host; int code; } bad[] = {
    { "ssh://-oProxyCommand=touch%20x", MATOU_ERROR_INVALID_HOST },
    { "ssh://me:secret@box", MATOU_ERROR_INVALID_HOST },
    { "tcp://box/base/path", MATOU_ERROR_INVALID_HOST },
    { "tcp://me@box:2375", MATOU_ERROR_INVALID_HOST },
    { "tcp://", MATOU_ERROR_INVALID_HOST },
    { "fd://", MATOU_ERROR_UNSUPPORTED_HOST },
    { "box:2375", MATOU_ERROR_UNSUPPORTED_HOST },
  };
  g_autoptr(MatouDockerEndpoint) v6 = NULL;
  g_autoptr(MatouDockerEndpoint) ssh = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) bad_error = NULL;
      g_autoptr(MatouDockerEndpoint) endpoint = matou_docker_endpoint_new_for_host (bad[i].host, &bad_error);

      if (endpoint != NULL)
        g_error ("%s was taken", bad[i].host);
      g_assert_error (bad_error, MATOU_ERROR, bad[i].code);
    }

  v6 = matou_docker_endpoint_new_for_host ("tcp://[::1]:2375", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (v6->address, ==, "::1");

  ssh = matou_docker_endpoint_new_for_host ("ssh://build-box", &error);
  g_assert_no_error (error);
  g_assert_null (ssh->ssh_user);
  g_assert_cmpuint (ssh->port, ==, 0);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  const char *expected[] = { "default", "build-box", "plain-tcp", "remote-tls", "rootless", "skip-verify" };
  g_autoptr(GPtrArray) list = matou_docker_endpoint_list_contexts ((const char * const *) fixture->envp);

  /* The broken ones (unreadable, npipe://, half the TLS pair) are left out. */
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < list->len; i++)
    {
      MatouDockerEndpoint *endpoint = g_ptr_array_index (list, i);

      g_assert_cmpstr (endpoint->context, ==, expected[i]);
    }
  g_assert_cmpstr (((MatouDockerEndpoint *) g_ptr_array_index (list, 3))->host, ==, "tcp://192.0.2.10");
}

/* The user's rootless daemon, at the socket dockerd-rootless.sh makes in
 * $XDG_RUNTIME_DIR, is listed and picked as "rootless" even with no docker
 * context of that name; a context named so wins, as the docker CLI's would. */
static void
test_rootless_daemon (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *runtime_dir = g_build_filename (fixture->home, "run", NULL);
  g_autofree char *socket = g_build_filename (runtime_dir, "docker.sock", NULL);
  g_autofree char *empty_store = g_build_filename (fixture->home, "empty-docker", NULL);
  g_autofree char *host = g_strconcat ("unix://", socket, NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(MatouDockerEndpoint) picked = NULL;
  g_autoptr(MatouDockerEndpoint) fallback = NULL;
  g_autoptr(MatouDockerEndpoint) by_host = NULL;
  g_autoptr(MatouDockerEndpoint) from_store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (runtime_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (empty_store, 0700), ==, 0);
  set_env (fixture, "XDG_RUNTIME_DIR", runtime_dir);
  set_env (fixture, "DOCKER_CONFIG", empty_store);

  /* No daemon there: nothing to list, and the name is no context. */
  list = matou_docker_endpoint_list_contexts ((const char * const *) fixture->envp);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_null (matou_docker_endpoint_resolve ((const char * const *) fixture->envp, "rootless", &error));
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_CONTEXT);
  g_clear_error (&error);

  g_file_set_contents (socket, "", 0, &error);
  g_assert_no_error (error);
  list = matou_docker_endpoint_list_contexts ((const char * const *) fixture->envp);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((MatouDockerEndpoint *) g_ptr_array_index (list, 0))->context, ==, "default");
  g_assert_cmpstr (((MatouDockerEndpoint *) g_ptr_array_index (list, 1))->context, ==, "rootless");
  g_assert_cmpstr (((MatouDockerEndpoint *) g_ptr_array_index (list, 1))->host, ==, host);

  picked = resolve (fixture, "rootless");
  g_assert_cmpstr (picked->socket_path, ==, socket);
  g_assert_cmpint (picked->source, ==, MATOU_ENDPOINT_FROM_CHOICE);
  g_assert_true (matou_docker_endpoint_is_rootless (picked, (const char * const *) fixture->envp));
  fallback = resolve (fixture, NULL);
  g_assert_false (matou_docker_endpoint_is_rootless (fallback, (const char * const *) fixture->envp));
  set_env (fixture, "DOCKER_HOST", host);
  by_host = resolve (fixture, NULL);
  g_assert_true (matou_docker_endpoint_is_rootless (by_host, (const char * const *) fixture->envp));
  /* DOCKER_HOST at it: the default context is that daemon, not listed twice. */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = matou_docker_endpoint_list_contexts ((const char * const *) fixture->envp);
  g_assert_cmpuint (list->len, ==, 1);

  /* The fixture store has a context "rootless" of its own: it is the one. */
  fixture->envp = g_environ_unsetenv (fixture->envp, "DOCKER_HOST");
  fixture->envp = g_environ_unsetenv (fixture->envp, "DOCKER_CONFIG");
  from_store = resolve (fixture, "rootless");
  g_assert_cmpstr (from_store->host, ==, "unix:///run/user/1000/docker.sock");
  g_assert_false (matou_docker_endpoint_is_rootless (from_store, (const char * const *) fixture->envp));

  g_unlink (socket);
  g_rmdir (runtime_dir);
  g_rmdir (empty_store);
}

static void
test_context_id (void)
{
  g_autofree char *id = matou_docker_endpoint_context_id ("remote-tls");
  g_autofree char *meta = g_build_filename (g_getenv ("MATOU_TEST_FIXTURES"), "docker-config", "contexts", "meta", id, "meta.json", NULL);

  g_assert_cmpuint (strlen (id), ==, 64);
  g_assert_true (g_file_test (meta, G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/docker-endpoint/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("nothing-set", test_nothing_set);
  ADD ("docker-host-wins", test_docker_host_wins);
  ADD ("docker-context-over-config", test_docker_context_over_config);
  ADD ("current-context", test_current_context);
  ADD ("docker-config-dir", test_docker_config_dir);
  ADD ("choice-wins", test_choice_wins);
  ADD ("default-by-name", test_default_context_by_name);
  ADD ("tls-verify-variables", test_tls_verify_variables);
  ADD ("refusals", test_refusals);
  ADD ("broken-config", test_broken_config);
  ADD ("list", test_list);
  ADD ("rootless-daemon", test_rootless_daemon);
#undef ADD
  g_test_add_func ("/docker-endpoint/hosts", test_hosts);
  g_test_add_func ("/docker-endpoint/context-id", test_context_id);

  return g_test_run ();
}
