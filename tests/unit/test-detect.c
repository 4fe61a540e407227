/* Detection of the Docker installation, on file trees made by the test. */
#include <glib/gstdio.h>

#include "matou-docker-detect.h"

typedef struct {
  char *root;
  char *home;
  char *runtime;
} Fixture;

static void
touch (const char *root,
       const char *path,
       int         mode)
{
  g_autofree char *full = g_build_filename (root, path, NULL);
  g_autofree char *dir = g_path_get_dirname (full);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (full, "", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (full, mode), ==, 0);
}

/* dpkg's database of the tree as dpkg writes it: one stanza per package, in
 * the state given ("install ok installed", "deinstall ok config-files"...). */
static void
dpkg_status (const char *root,
             ...)
{
  g_autofree char *dir = g_build_filename (root, "var", "lib", "dpkg", NULL);
  g_autofree char *status = g_build_filename (dir, "status", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *package;
  va_list args;

  va_start (args, root);
  while ((package = va_arg (args, const char *)) != NULL)
    g_string_append_printf (text, "Package: %s\nStatus: %s\nPriority: optional\nSection: admin\n"
                                  "Maintainer: Someone <someone@example.org>\nArchitecture: amd64\n"
                                  "Version: 1.0\nDescription: %s\n\n",
                            package, va_arg (args, const char *), package);
  va_end (args);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (status, text->str, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->root = g_dir_make_tmp ("matou-detect-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->home = g_build_filename (fixture->root, "home", "user", NULL);
  fixture->runtime = g_build_filename (fixture->root, "run", "user", "1000", NULL);
  g_mkdir_with_parents (fixture->home, 0755);
  g_mkdir_with_parents (fixture->runtime, 0700);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *argv[] = { "rm", "-rf", fixture->root, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  g_free (fixture->root);
  g_free (fixture->home);
  g_free (fixture->runtime);
}

static MatouDetectPlaces
places_for (Fixture    *fixture,
            const char *path)
{
  MatouDetectPlaces places = {
    .root = fixture->root,
    .home = fixture->home,
    .runtime_dir = fixture->runtime,
    .path = path,
  };

  return places;
}

static void
test_nothing_installed (Fixture       *fixture,
                        gconstpointer  data)
{
  MatouDetectPlaces places = places_for (fixture, "/usr/bin:/bin");
  g_autofree char *cli = matou_docker_find_program (&places, "docker");

  g_assert_null (cli);
  g_assert_cmpint (matou_docker_detect_flavours (&places), ==, 0);
  g_assert_null (matou_docker_flavours_describe (0));
}

static void
test_dockerd_in_sbin_outside_path (Fixture       *fixture,
                                   gconstpointer  data)
{
  /* Debian puts dockerd in /usr/sbin, which a desktop PATH lacks. */
  MatouDetectPlaces places = places_for (fixture, "/usr/local/bin:/usr/bin:/bin");
  g_autofree char *dockerd = NULL;
  g_autofree char *cli = NULL;
  g_autofree char *described = NULL;

  touch (fixture->root, "usr/sbin/dockerd", 0755);
  touch (fixture->root, "usr/bin/docker", 0755);
  dpkg_status (fixture->root, "docker.io", "install ok installed", NULL);

  dockerd = matou_docker_find_program (&places, "dockerd");
  cli = matou_docker_find_program (&places, "docker");
  g_assert_cmpstr (dockerd, ==, "/usr/sbin/dockerd");
  g_assert_cmpstr (cli, ==, "/usr/bin/docker");
  g_assert_cmpint (matou_docker_detect_flavours (&places), ==, MATOU_DOCKER_FLAVOUR_DISTRO);
  described = matou_docker_flavours_describe (MATOU_DOCKER_FLAVOUR_DISTRO);
  g_assert_nonnull (strstr (described, "docker.io"));
}

static void
test_path_order_and_executable_bit (Fixture       *fixture,
                                    gconstpointer  data)
{
  MatouDetectPlaces places = places_for (fixture, "/opt/first:/usr/bin");
  g_autofree char *cli = NULL;

  /* Not executable: not a program, even though it is first in PATH. */
  touch (fixture->root, "opt/first/docker", 0644);
  touch (fixture->root, "usr/bin/docker", 0755);
  cli = matou_docker_find_program (&places, "docker");
  g_assert_cmpstr (cli, ==, "/usr/bin/docker");

  touch (fixture->root, "opt/first/docker", 0755);
  g_clear_pointer (&cli, g_free);
  cli = matou_docker_find_program (&places, "docker");
  g_assert_cmpstr (cli, ==, "/opt/first/docker");
}

static void
test_flavours (Fixture       *fixture,
               gconstpointer  data)
{
  MatouDetectPlaces places = places_for (fixture, "");
  g_autofree char *described = NULL;

  /* dpkg knows docker.io, but it was removed (its configuration kept): not installed. */
  dpkg_status (fixture->root, "docker.io", "deinstall ok config-files", "docker-ce", "install ok installed", NULL);
  g_assert_cmpint (matou_docker_detect_flavours (&places), ==, MATOU_DOCKER_FLAVOUR_DOCKER_CE);

  touch (fixture->home, ".docker/desktop/settings.json", 0644);
  touch (fixture->runtime, "docker.sock", 0600);
  touch (fixture->root, "var/snap/docker/current/config/daemon.json", 0644);
  dpkg_status (fixture->root, "docker.io", "deinstall ok config-files", "docker-ce", "install ok installed",
               "podman-docker", "install ok installed", NULL);
  g_assert_cmpint (matou_docker_detect_flavours (&places), ==,
                   MATOU_DOCKER_FLAVOUR_DOCKER_CE | MATOU_DOCKER_FLAVOUR_DESKTOP |
                   MATOU_DOCKER_FLAVOUR_ROOTLESS | MATOU_DOCKER_FLAVOUR_SNAP |
                   MATOU_DOCKER_FLAVOUR_PODMAN_DOCKER);

  described = matou_docker_flavours_describe (MATOU_DOCKER_FLAVOUR_DOCKER_CE | MATOU_DOCKER_FLAVOUR_DESKTOP);
  g_assert_cmpstr (described, ==, "Docker’s own packages (docker-ce), Docker Desktop");
}

static void
test_version_output (void)
{
  struct { const char *output; const char *version; } cases[] = {
    { "Docker version 20.10.24+dfsg1, build 5d6db84\n", "20.10.24+dfsg1" },
    { "Docker version 28.2.2, build e6534b4", "28.2.2" },
    { "podman version 4.3.1\n", "4.3.1" },
    { "dockerd: command not found", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *version = matou_parse_docker_version_output (cases[i].output);

      g_assert_cmpstr (version, ==, cases[i].version);
    }
}

static void
test_group_state (void)
{
  const char *members[] = { "alice", "bob", NULL };
  gid_t session_without[] = { 1000, 24, 27 };
  gid_t session_with[] = { 1000, 24, 998 };

  g_assert_cmpint (matou_group_state_compute ("alice", 1000, FALSE, 0, NULL, session_without, 3),
                   ==, MATOU_GROUP_NO_GROUP);
  g_assert_cmpint (matou_group_state_compute ("carol", 1000, TRUE, 998, members, session_without, 3),
                   ==, MATOU_GROUP_NOT_MEMBER);
  /* Added to the group, but the session was started before. */
  g_assert_cmpint (matou_group_state_compute ("alice", 1000, TRUE, 998, members, session_without, 3),
                   ==, MATOU_GROUP_MEMBER_INACTIVE);
  g_assert_cmpint (matou_group_state_compute ("alice", 1000, TRUE, 998, members, session_with, 3),
                   ==, MATOU_GROUP_ACTIVE);
  /* docker as the primary group counts as membership. */
  g_assert_cmpint (matou_group_state_compute ("dave", 998, TRUE, 998, members, session_without, 3),
                   ==, MATOU_GROUP_MEMBER_INACTIVE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/detect/nothing", Fixture, NULL, fixture_set_up, test_nothing_installed, fixture_tear_down);
  g_test_add ("/detect/sbin", Fixture, NULL, fixture_set_up, test_dockerd_in_sbin_outside_path, fixture_tear_down);
  g_test_add ("/detect/path-order", Fixture, NULL, fixture_set_up, test_path_order_and_executable_bit, fixture_tear_down);
  g_test_add ("/detect/flavours", Fixture, NULL, fixture_set_up, test_flavours, fixture_tear_down);
  g_test_add_func ("/detect/version-output", test_version_output);
  g_test_add_func ("/detect/group-state", test_group_state);

  return g_test_run ();
}
