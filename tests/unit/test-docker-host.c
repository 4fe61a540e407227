/* DOCKER_HOST handling: which socket Matou talks to, and what it refuses. */
#include "matou-docker-host.h"
#include "matou-error.h"

static void
test_unset_means_default (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  path = matou_docker_host_resolve_socket (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, "/var/run/docker.sock");

  g_clear_pointer (&path, g_free);
  path = matou_docker_host_resolve_socket ("", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, "/var/run/docker.sock");
}

static void
test_unix_url (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  path = matou_docker_host_resolve_socket ("unix:///run/user/1000/docker.sock", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, "/run/user/1000/docker.sock");
}

static void
test_remote_unsupported (void)
{
  const char *hosts[] = { "tcp://192.0.2.1:2375", "ssh://me@build-box", "npipe:////./pipe/docker_engine" };

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = matou_docker_host_resolve_socket (hosts[i], &error);

      g_assert_null (path);
      g_assert_error (error, MATOU_ERROR, MATOU_ERROR_UNSUPPORTED_HOST);
      /* The message names what the user set, so they can find it. */
      g_assert_nonnull (strstr (error->message, hosts[i]));
      g_assert_nonnull (strstr (error->message, "cannot use"));
    }
}

static void
test_invalid (void)
{
  const char *hosts[] = { "/var/run/docker.sock", "unix://relative.sock", "unix://host/path.sock" };

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = matou_docker_host_resolve_socket (hosts[i], &error);

      g_assert_null (path);
      g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_HOST);
      g_assert_nonnull (strstr (error->message, hosts[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/docker-host/unset", test_unset_means_default);
  g_test_add_func ("/docker-host/unix", test_unix_url);
  g_test_add_func ("/docker-host/remote", test_remote_unsupported);
  g_test_add_func ("/docker-host/invalid", test_invalid);

  return g_test_run ();
}
