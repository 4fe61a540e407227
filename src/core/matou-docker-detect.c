/* What Docker is installed on this machine, and whether this user may use it. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <sys/types.h>
#include <string.h>
#include <unistd.h>

#include "matou-docker-detect.h"
#include "matou-install-system.h"

/* dockerd lives in sbin on Debian, which a desktop user's PATH often lacks. */
static const char * const usual_dirs[] = {
  "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin", "/snap/bin",
};

void
matou_docker_install_free (MatouDockerInstall *install)
{
  if (install == NULL)
    return;

  g_free (install->cli_path);
  g_free (install->cli_version);
  g_free (install->dockerd_path);
  g_free (install->dockerd_version);
  g_free (install);
}

static gboolean
is_executable_file (const char *path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
         g_file_test (path, G_FILE_TEST_IS_EXECUTABLE);
}

/**
 * matou_docker_find_program:
 *
 * Looks for @name in the PATH of @places, then in the usual system folders,
 * all below @places->root. Returns the path without the root prefix.
 */
char *
matou_docker_find_program (const MatouDetectPlaces *places,
                           const char              *name)
{
  g_auto(GStrv) path_dirs = g_strsplit (places->path != NULL ? places->path : "", ":", -1);

  for (guint i = 0; path_dirs[i] != NULL; i++)
    {
      g_autofree char *candidate = NULL;

      if (path_dirs[i][0] != '/')
        continue;
      candidate = g_build_filename (places->root, path_dirs[i], name, NULL);
      if (is_executable_file (candidate))
        return g_build_filename (path_dirs[i], name, NULL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (usual_dirs); i++)
    {
      g_autofree char *candidate = g_build_filename (places->root, usual_dirs[i], name, NULL);

      if (is_executable_file (candidate))
        return g_build_filename (usual_dirs[i], name, NULL);
    }

  return NULL;
}

static gboolean
exists_below (const char *root,
              const char *path)
{
  g_autofree char *full = g_build_filename (root, path, NULL);

  return g_file_test (full, G_FILE_TEST_EXISTS);
}

/* Which of Docker's Debian packages dpkg has installed, asked through its
 * query tool (dpkg's database is dpkg's own); below a test's root, the
 * database of that tree. Without dpkg (Fedora, say) the set is empty. */
static GHashTable *
dpkg_installed (const char *root)
{
  g_autoptr(GHashTable) installed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *admindir = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) argv = NULL;

  g_strv_builder_add (builder, "dpkg-query");
  if (root != NULL && root[0] != '\0')
    {
      g_autofree char *database = g_build_filename (root, "var", "lib", "dpkg", NULL);

      admindir = g_strconcat ("--admindir=", database, NULL);
      g_strv_builder_add (builder, admindir);
    }
  /* dpkg-query exits 1 when one of the names is unknown, and still lists the others. */
  g_strv_builder_add_many (builder, "-W", "-f", "${Package}\t${db:Status-Status}\n", "--",
                           "docker.io", "docker-ce", "podman-docker", NULL);
  argv = g_strv_builder_end (builder);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, NULL);
  if (process != NULL && g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, NULL))
    matou_parse_dpkg_query_output (output, installed);

  return g_steal_pointer (&installed);
}

MatouDockerFlavours
matou_docker_detect_flavours (const MatouDetectPlaces *places)
{
  MatouDockerFlavours flavours = 0;
  const char *root = places->root;
  g_autoptr(GHashTable) dpkg = dpkg_installed (root);

  if (g_hash_table_contains (dpkg, "docker.io") ||
      exists_below (root, "/usr/share/licenses/moby-engine"))
    flavours |= MATOU_DOCKER_FLAVOUR_DISTRO;
  if (g_hash_table_contains (dpkg, "docker-ce") ||
      exists_below (root, "/usr/share/licenses/docker-ce"))
    flavours |= MATOU_DOCKER_FLAVOUR_DOCKER_CE;
  if (g_hash_table_contains (dpkg, "podman-docker") ||
      exists_below (root, "/usr/share/licenses/podman-docker"))
    flavours |= MATOU_DOCKER_FLAVOUR_PODMAN_DOCKER;
  if (exists_below (root, "/snap/docker") || exists_below (root, "/var/snap/docker"))
    flavours |= MATOU_DOCKER_FLAVOUR_SNAP;
  if (exists_below (root, "/opt/docker-desktop") ||
      (places->home != NULL && exists_below (places->home, ".docker/desktop")))
    flavours |= MATOU_DOCKER_FLAVOUR_DESKTOP;
  if ((places->runtime_dir != NULL && exists_below (places->runtime_dir, "docker.sock")) ||
      (places->home != NULL && exists_below (places->home, ".config/systemd/user/docker.service")))
    flavours |= MATOU_DOCKER_FLAVOUR_ROOTLESS;

  return flavours;
}

/**
 * matou_parse_docker_version_output:
 * @output: what `docker --version` or `dockerd --version` printed, for
 *   example "Docker version 20.10.24+dfsg1, build 5d6db84"
 *
 * Returns: (nullable): the version number, or %NULL when there is none
 */
char *
matou_parse_docker_version_output (const char *output)
{
  const char *start;
  gsize length;

  if (output == NULL)
    return NULL;

  start = strstr (output, "version ");
  if (start == NULL)
    return NULL;
  start += strlen ("version ");

  length = strcspn (start, ", \t\r\n");
  if (length == 0 || !g_ascii_isdigit (start[0]))
    return NULL;

  return g_strndup (start, length);
}

static char *
run_version (const char   *root,
             const char   *program,
             GCancellable *cancellable)
{
  g_autofree char *full = g_build_filename (root, program, NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                              NULL, full, "--version", NULL);
  if (process == NULL ||
      !g_subprocess_communicate_utf8 (process, NULL, cancellable, &out, NULL, NULL))
    return NULL;

  return matou_parse_docker_version_output (out);
}

/* Which of the user's docker group states applies; pure, for the tests. */
MatouGroupState
matou_group_state_compute (const char          *user_name,
                           gid_t                primary_gid,
                           gboolean             group_exists,
                           gid_t                group_gid,
                           const char * const  *group_members,
                           const gid_t         *session_gids,
                           gsize                n_session_gids)
{
  gboolean member = FALSE;

  if (!group_exists)
    return MATOU_GROUP_NO_GROUP;

  for (gsize i = 0; i < n_session_gids; i++)
    if (session_gids[i] == group_gid)
      return MATOU_GROUP_ACTIVE;

  if (primary_gid == group_gid)
    member = TRUE;
  for (guint i = 0; !member && group_members != NULL && group_members[i] != NULL; i++)
    member = g_strcmp0 (group_members[i], user_name) == 0;

  return member ? MATOU_GROUP_MEMBER_INACTIVE : MATOU_GROUP_NOT_MEMBER;
}

/* getgrnam() and getpwuid() answer in one static buffer that the next
 * lookup, from any thread, reuses or frees: the pages' worker threads ask
 * at the same time. Every lookup here is the reentrant one, into a buffer
 * of its own. */
static char *
lookup_buffer (char   *buffer,
               gsize  *size)
{
  g_free (buffer);
  *size = *size == 0 ? 1024 : *size * 2;
  return g_malloc (*size);
}

#define MAX_LOOKUP_BUFFER (1024 * 1024)

/**
 * matou_lookup_group:
 * @gid: (out) (optional): the group's id
 * @members: (out) (optional) (transfer full): its supplementary members
 *
 * Returns: whether the group database knows @name.
 */
gboolean
matou_lookup_group (const char   *name,
                    gid_t        *gid,
                    char       ***members)
{
  g_autofree char *buffer = NULL;
  gsize size = 0;
  struct group entry;
  struct group *found = NULL;
  int status;

  do
    {
      buffer = lookup_buffer (g_steal_pointer (&buffer), &size);
      status = getgrnam_r (name, &entry, buffer, size, &found);
    }
  while (status == ERANGE && size < MAX_LOOKUP_BUFFER);

  if (status != 0 || found == NULL)
    return FALSE;
  if (gid != NULL)
    *gid = entry.gr_gid;
  if (members != NULL)
    *members = g_strdupv (entry.gr_mem);

  return TRUE;
}

/**
 * matou_lookup_user:
 * @name: (nullable): the user's name, or %NULL to look @uid up instead
 * @gid: (out) (optional): the user's primary group
 * @user_name: (out) (optional) (transfer full): the user's name
 *
 * Returns: whether the user database knows the user.
 */
gboolean
matou_lookup_user (const char  *name,
                   uid_t        uid,
                   gid_t       *gid,
                   char       **user_name)
{
  g_autofree char *buffer = NULL;
  gsize size = 0;
  struct passwd entry;
  struct passwd *found = NULL;
  int status;

  do
    {
      buffer = lookup_buffer (g_steal_pointer (&buffer), &size);
      status = name != NULL ? getpwnam_r (name, &entry, buffer, size, &found)
                            : getpwuid_r (uid, &entry, buffer, size, &found);
    }
  while (status == ERANGE && size < MAX_LOOKUP_BUFFER);

  if (status != 0 || found == NULL)
    return FALSE;
  if (gid != NULL)
    *gid = entry.pw_gid;
  if (user_name != NULL)
    *user_name = g_strdup (entry.pw_name);

  return TRUE;
}

MatouGroupState
matou_group_state_for_current_user (void)
{
  gid_t session_gids[NGROUPS_MAX + 1];
  int n;
  g_auto(GStrv) members = NULL;
  gid_t group_gid;
  gid_t primary_gid;

  if (!matou_lookup_group ("docker", &group_gid, &members))
    return MATOU_GROUP_NO_GROUP;
  if (!matou_lookup_user (NULL, getuid (), &primary_gid, NULL))
    primary_gid = getgid ();

  n = getgroups (G_N_ELEMENTS (session_gids) - 1, session_gids);
  if (n < 0)
    n = 0;
  session_gids[n++] = getegid ();

  return matou_group_state_compute (g_get_user_name (), primary_gid,
                                    TRUE, group_gid,
                                    (const char * const *) members,
                                    session_gids, n);
}

MatouDockerInstall *
matou_docker_detect (const MatouDetectPlaces *places,
                     GCancellable            *cancellable)
{
  MatouDockerInstall *install = g_new0 (MatouDockerInstall, 1);

  install->cli_path = matou_docker_find_program (places, "docker");
  install->dockerd_path = matou_docker_find_program (places, "dockerd");
  if (install->cli_path != NULL)
    install->cli_version = run_version (places->root, install->cli_path, cancellable);
  if (install->dockerd_path != NULL)
    install->dockerd_version = run_version (places->root, install->dockerd_path, cancellable);
  install->flavours = matou_docker_detect_flavours (places);
  install->group_state = matou_group_state_for_current_user ();

  return install;
}

static void
detect_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  /* Rootless Docker's socket is under $XDG_RUNTIME_DIR itself. Not g_get_user_runtime_dir():
   * without the variable it falls back to ~/.cache and creates it, in /root for the helper. */
  g_autofree char *runtime_dir = g_strdup (g_getenv ("XDG_RUNTIME_DIR"));
  MatouDetectPlaces places = {
    .root = "",
    .home = g_get_home_dir (),
    .runtime_dir = runtime_dir,
    .path = g_getenv ("PATH"),
  };

  g_task_return_pointer (task, matou_docker_detect (&places, cancellable),
                         (GDestroyNotify) matou_docker_install_free);
}

/**
 * matou_docker_detect_async:
 *
 * Detects the installation in a worker thread: it runs `docker --version`
 * and `dockerd --version`, which must not hold up the main loop.
 */
void
matou_docker_detect_async (GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, matou_docker_detect_async);
  g_task_run_in_thread (task, detect_thread);
}

MatouDockerInstall *
matou_docker_detect_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Names as a user knows them from their package manager or the Docker docs. */
char *
matou_docker_flavours_describe (MatouDockerFlavours flavours)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (flavours & MATOU_DOCKER_FLAVOUR_DISTRO)
    g_ptr_array_add (names, (gpointer) _("distribution package (docker.io)"));
  if (flavours & MATOU_DOCKER_FLAVOUR_DOCKER_CE)
    g_ptr_array_add (names, (gpointer) _("Docker’s own packages (docker-ce)"));
  if (flavours & MATOU_DOCKER_FLAVOUR_SNAP)
    g_ptr_array_add (names, (gpointer) _("snap"));
  if (flavours & MATOU_DOCKER_FLAVOUR_ROOTLESS)
    g_ptr_array_add (names, (gpointer) _("rootless mode"));
  if (flavours & MATOU_DOCKER_FLAVOUR_DESKTOP)
    g_ptr_array_add (names, (gpointer) _("Docker Desktop"));
  if (flavours & MATOU_DOCKER_FLAVOUR_PODMAN_DOCKER)
    g_ptr_array_add (names, (gpointer) _("Podman’s docker command (podman-docker)"));

  if (names->len == 0)
    return NULL;

  g_ptr_array_add (names, NULL);
  /* TRANSLATORS: separates the kinds of Docker installation found, e.g. "snap, Docker Desktop" */
  return g_strjoinv (_(", "), (char **) names->pdata);
}
