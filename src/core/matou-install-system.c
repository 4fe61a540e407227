/* What an installation of Docker Engine has to know about this system: distribution, architecture, init, WSL, packages, repository files, group. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "matou-docker-detect.h"
#include "matou-install-system.h"

const MatouInstallPaths matou_install_default_paths = {
  .keyrings_dir = "/etc/apt/keyrings",
  .sources_dir = "/etc/apt/sources.list.d",
  .repos_dir = "/etc/yum.repos.d",
  .rpm_keys_dir = "/etc/pki/rpm-gpg",
};

MatouInstallSystem *
matou_install_system_new (void)
{
  MatouInstallSystem *system = g_new0 (MatouInstallSystem, 1);

  system->installed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  system->group_state = MATOU_GROUP_NO_GROUP;

  return system;
}

void
matou_install_system_free (MatouInstallSystem *system)
{
  if (system == NULL)
    return;

  g_free (system->os_id);
  g_strfreev (system->os_id_like);
  g_free (system->os_version_id);
  g_free (system->os_version_codename);
  g_free (system->os_ubuntu_codename);
  g_free (system->os_pretty_name);
  g_free (system->architecture);
  g_clear_pointer (&system->installed, g_hash_table_unref);
  g_free (system->user);
  g_free (system);
}

/* os-release values are free text: keep the ones that look like identifiers. */
static char *
lookup_token (MatouOsReleaseLookup  lookup,
              gpointer              user_data,
              const char           *key)
{
  g_autofree char *value = lookup (key, user_data);

  if (value == NULL || !g_regex_match_simple ("^[A-Za-z0-9._~+-]{1,64}$", value, G_REGEX_DOLLAR_ENDONLY, 0))
    return NULL;

  return g_ascii_strdown (value, -1);
}

/**
 * matou_install_system_set_os_release:
 * @lookup: returns one os-release value, or %NULL
 *
 * Fills the distribution fields. Values that are not plain identifiers are
 * dropped, so that nothing odd reaches a file name or a command.
 */
void
matou_install_system_set_os_release (MatouInstallSystem   *system,
                                     MatouOsReleaseLookup  lookup,
                                     gpointer              user_data)
{
  g_autofree char *like = lookup ("ID_LIKE", user_data);
  g_autofree char *pretty = lookup ("PRETTY_NAME", user_data);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_free (system->os_id);
  system->os_id = lookup_token (lookup, user_data, "ID");
  g_free (system->os_version_id);
  system->os_version_id = lookup_token (lookup, user_data, "VERSION_ID");
  g_free (system->os_version_codename);
  system->os_version_codename = lookup_token (lookup, user_data, "VERSION_CODENAME");
  g_free (system->os_ubuntu_codename);
  system->os_ubuntu_codename = lookup_token (lookup, user_data, "UBUNTU_CODENAME");

  if (like != NULL)
    {
      g_auto(GStrv) words = g_strsplit_set (like, " \t", -1);

      for (guint i = 0; words[i] != NULL; i++)
        if (g_regex_match_simple ("^[A-Za-z0-9._-]{1,64}$", words[i], G_REGEX_DOLLAR_ENDONLY, 0))
          {
            g_autofree char *down = g_ascii_strdown (words[i], -1);

            g_strv_builder_add (builder, down);
          }
    }
  g_strfreev (system->os_id_like);
  system->os_id_like = g_strv_builder_end (builder);

  g_free (system->os_pretty_name);
  system->os_pretty_name = pretty != NULL && g_utf8_validate (pretty, -1, NULL) && strlen (pretty) < 200 ?
                           g_steal_pointer (&pretty) : NULL;
}

gboolean
matou_install_system_is_installed (const MatouInstallSystem *system,
                                   const char               *package)
{
  return g_hash_table_contains (system->installed, package);
}

static gboolean
is_like (const MatouInstallSystem *system,
         const char               *name)
{
  return g_strcmp0 (system->os_id, name) == 0 ||
         (system->os_id_like != NULL && g_strv_contains ((const char * const *) system->os_id_like, name));
}

/* Which package manager to ask what is installed; the plans decide the rest. */
MatouPackageFamily
matou_install_system_guess_family (const MatouInstallSystem *system)
{
  if (is_like (system, "debian") || is_like (system, "ubuntu"))
    return MATOU_PACKAGE_FAMILY_APT;
  if (is_like (system, "fedora"))
    return MATOU_PACKAGE_FAMILY_DNF;

  return MATOU_PACKAGE_FAMILY_NONE;
}

/* "Debian GNU/Linux 12 (bookworm)", or the identifiers when there is no pretty name. */
char *
matou_install_system_describe (const MatouInstallSystem *system)
{
  if (system->os_pretty_name != NULL)
    return g_strdup (system->os_pretty_name);
  if (system->os_id != NULL)
    return g_strjoin (" ", system->os_id, system->os_version_id, NULL);

  return g_strdup (_("Unknown Linux distribution"));
}

/* --- the pieces ----------------------------------------------------------- */

gboolean
matou_kernel_release_is_wsl (const char *osrelease)
{
  g_autofree char *down = NULL;

  if (osrelease == NULL)
    return FALSE;
  down = g_ascii_strdown (osrelease, -1);

  return strstr (down, "microsoft") != NULL || strstr (down, "wsl") != NULL;
}

/* uname's machine in the package manager's words, for systems without dpkg. */
char *
matou_architecture_from_machine (const char *machine)
{
  static const struct { const char *machine; const char *arch; } names[] = {
    { "x86_64", "amd64" }, { "aarch64", "arm64" }, { "armv7l", "armhf" },
    { "ppc64le", "ppc64el" }, { "s390x", "s390x" }, { "i686", "i386" },
  };

  if (machine == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (machine, names[i].machine))
      return g_strdup (names[i].arch);

  return g_regex_match_simple ("^[a-z0-9_]{1,32}$", machine, G_REGEX_DOLLAR_ENDONLY, 0) ? g_strdup (machine) : NULL;
}

/* Lines of `dpkg-query -W -f '${Package}\t${db:Status-Status}\n'`. */
void
matou_parse_dpkg_query_output (const char *output,
                               GHashTable *installed)
{
  g_auto(GStrv) lines = g_strsplit (output != NULL ? output : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 2);
      g_autofree char *name = NULL;
      char *colon;

      if (g_strv_length (fields) != 2 || !g_str_equal (g_strstrip (fields[1]), "installed"))
        continue;
      /* Multi-arch names come as name:arch. */
      name = g_strdup (g_strstrip (fields[0]));
      colon = strchr (name, ':');
      if (colon != NULL)
        *colon = '\0';
      if (matou_package_name_is_valid (name))
        g_hash_table_add (installed, g_steal_pointer (&name));
    }
}

/* Lines of `rpm -q --qf '%{NAME}\n'`: a name for each installed package,
 * "package X is not installed" for the others. */
void
matou_parse_rpm_query_output (const char         *output,
                              const char * const *asked,
                              GHashTable         *installed)
{
  g_auto(GStrv) lines = g_strsplit (output != NULL ? output : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *name = g_strstrip (lines[i]);

      if (asked != NULL && g_strv_contains (asked, name))
        g_hash_table_add (installed, g_strdup (name));
    }
}

gboolean
matou_package_name_is_valid (const char *name)
{
  return name != NULL && g_regex_match_simple ("^[a-z0-9][a-z0-9.+-]{0,63}$", name, G_REGEX_DOLLAR_ENDONLY, 0);
}

/* What useradd accepts by default, without the odd corners. */
gboolean
matou_user_name_is_valid (const char *name)
{
  return name != NULL && g_regex_match_simple ("^[a-z_][a-z0-9_.-]{0,31}\\$?$", name, G_REGEX_DOLLAR_ENDONLY, 0);
}

/* Whether @user belongs to the docker group in the group database (not
 * whether a running session has it). */
gboolean
matou_user_in_docker_group (const char *user)
{
  g_auto(GStrv) members = NULL;
  gid_t group_gid;
  gid_t primary_gid;

  if (user == NULL || !matou_lookup_group ("docker", &group_gid, &members))
    return FALSE;
  if (g_strv_contains ((const char * const *) members, user))
    return TRUE;

  return matou_lookup_user (user, 0, &primary_gid, NULL) && primary_gid == group_gid;
}

/* --- detection ------------------------------------------------------------ */

static char *
run_for_output (const char * const  *argv,
                GCancellable        *cancellable)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  char *output = NULL;

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, NULL);
  if (process == NULL ||
      !g_subprocess_communicate_utf8 (process, NULL, cancellable, &output, NULL, NULL))
    return NULL;

  return output;
}

static char *
os_info_lookup (const char *key,
                gpointer    user_data)
{
  return g_get_os_info (key);
}

static void
query_packages (MatouInstallSystem  *system,
                const char * const  *packages,
                GCancellable        *cancellable)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *output = NULL;
  MatouPackageFamily family = matou_install_system_guess_family (system);
  g_autoptr(GStrvBuilder) name_builder = g_strv_builder_new ();

  for (guint i = 0; packages != NULL && packages[i] != NULL; i++)
    if (matou_package_name_is_valid (packages[i]))
      g_strv_builder_add (name_builder, packages[i]);
  names = g_strv_builder_end (name_builder);
  if (names[0] == NULL)
    return;

  switch (family)
    {
    case MATOU_PACKAGE_FAMILY_APT:
      g_strv_builder_add_many (builder, "dpkg-query", "-W", "-f", "${Package}\t${db:Status-Status}\n", "--", NULL);
      g_strv_builder_addv (builder, (const char **) names);
      argv = g_strv_builder_end (builder);
      output = run_for_output ((const char * const *) argv, cancellable);
      matou_parse_dpkg_query_output (output, system->installed);
      break;

    case MATOU_PACKAGE_FAMILY_DNF:
      g_strv_builder_add_many (builder, "rpm", "-q", "--qf", "%{NAME}\n", "--", NULL);
      g_strv_builder_addv (builder, (const char **) names);
      argv = g_strv_builder_end (builder);
      output = run_for_output ((const char * const *) argv, cancellable);
      matou_parse_rpm_query_output (output, (const char * const *) names, system->installed);
      break;

    case MATOU_PACKAGE_FAMILY_NONE:
    default:
      break;
    }
}

static char *
detect_architecture (MatouPackageFamily  family,
                     GCancellable       *cancellable)
{
  struct utsname name;

  if (family == MATOU_PACKAGE_FAMILY_APT)
    {
      const char *argv[] = { "dpkg", "--print-architecture", NULL };
      g_autofree char *output = run_for_output (argv, cancellable);

      if (output != NULL && g_regex_match_simple ("^[a-z0-9]{1,32}$", g_strstrip (output), G_REGEX_DOLLAR_ENDONLY, 0))
        return g_steal_pointer (&output);
    }

  if (uname (&name) != 0)
    return NULL;
  /* dnf and its .repo files speak uname's language ($basearch). */
  if (family == MATOU_PACKAGE_FAMILY_DNF)
    return g_regex_match_simple ("^[a-z0-9_]{1,32}$", name.machine, G_REGEX_DOLLAR_ENDONLY, 0) ? g_strdup (name.machine) : NULL;

  return matou_architecture_from_machine (name.machine);
}

/**
 * matou_install_system_detect:
 * @packages: the package names whose state matters to the plans
 * @user: (nullable): who would join the docker group; %NULL for nobody (root)
 */
MatouInstallSystem *
matou_install_system_detect (const MatouInstallPaths *paths,
                             const char * const      *packages,
                             const char              *user,
                             GCancellable            *cancellable)
{
  MatouInstallSystem *system = matou_install_system_new ();
  g_autofree char *osrelease = NULL;
  g_autofree char *docker_list = g_build_filename (paths->sources_dir, "docker.list", NULL);
  g_autofree char *docker_sources = g_build_filename (paths->sources_dir, "docker.sources", NULL);
  /* Rootless Docker's socket is under $XDG_RUNTIME_DIR itself. Not g_get_user_runtime_dir():
   * without the variable it falls back to ~/.cache and creates it, in /root for the helper. */
  g_autofree char *runtime_dir = g_strdup (g_getenv ("XDG_RUNTIME_DIR"));
  MatouDetectPlaces places = {
    .root = "",
    .home = g_get_home_dir (),
    .runtime_dir = runtime_dir,
    .path = NULL,
  };

  matou_install_system_set_os_release (system, os_info_lookup, NULL);
  system->architecture = detect_architecture (matou_install_system_guess_family (system), cancellable);
  system->systemd = g_file_test ("/run/systemd/system", G_FILE_TEST_IS_DIR);
  if (g_file_get_contents ("/proc/sys/kernel/osrelease", &osrelease, NULL, NULL))
    system->wsl = matou_kernel_release_is_wsl (osrelease);

  query_packages (system, packages, cancellable);
  system->has_docker_list = g_file_test (docker_list, G_FILE_TEST_EXISTS);
  system->has_docker_sources = g_file_test (docker_sources, G_FILE_TEST_EXISTS);
  system->flavours = matou_docker_detect_flavours (&places);
  system->user = matou_user_name_is_valid (user) ? g_strdup (user) : NULL;
  system->group_state = matou_group_state_for_current_user ();

  return system;
}

static void
detect_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const char * const *packages = task_data;
  /* Root needs no group to reach the socket: nobody to add. */
  const char *user = getuid () == 0 ? NULL : g_get_user_name ();

  g_task_return_pointer (task,
                         matou_install_system_detect (&matou_install_default_paths, packages, user, cancellable),
                         (GDestroyNotify) matou_install_system_free);
}

/* For the application: the current user, the real folders, in a thread. */
void
matou_install_system_detect_async (const char * const  *packages,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, matou_install_system_detect_async);
  g_task_set_task_data (task, g_strdupv ((char **) packages), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, detect_thread);
}

MatouInstallSystem *
matou_install_system_detect_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
