/* Install plans built from os-release fixtures: the steps, the exact commands, the repository files, the request and the failure words. */
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <locale.h>

#include "matou-error.h"
#include "matou-install-plan.h"
#include "matou-install-request.h"
#include "matou-probe.h"
#include "matou-test-util.h"

#define DOCKER_URL "https://download.docker.com"
#define TUNA_URL "https://mirrors.tuna.tsinghua.edu.cn/docker-ce"
#define APT_LOCK "-o DPkg::Lock::Timeout=120"
#define DPKG_OPTIONS "-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold"

static MatouInstallPlans *plans;

/* g_get_os_info () reads only /etc/os-release: the tests read fixtures
 * with this small parser and hand the values over the same way. */
static GHashTable *
read_os_release (const char *name)
{
  g_autofree char *text = matou_test_read_fixture (name, NULL);
  g_auto(GStrv) lines = NULL;
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *equals = strchr (lines[i], '=');
      g_autofree char *value = NULL;

      if (lines[i][0] == '#' || equals == NULL)
        continue;
      *equals = '\0';
      value = g_strdup (equals + 1);
      if (value[0] == '"' || value[0] == '\'')
        {
          char *unquoted = g_shell_unquote (value, NULL);

          g_free (value);
          value = unquoted;
        }
      g_hash_table_insert (table, g_strdup (lines[i]), g_steal_pointer (&value));
    }

  return table;
}

static char *
lookup_in_table (const char *key,
                 gpointer    user_data)
{
  return g_strdup (g_hash_table_lookup (user_data, key));
}

static MatouInstallSystem *
system_for (const char         *fixture,
            const char         *arch,
            const char         *user,
            const char * const *installed)
{
  g_autoptr(GHashTable) table = read_os_release (fixture);
  MatouInstallSystem *system = matou_install_system_new ();

  matou_install_system_set_os_release (system, lookup_in_table, table);
  system->architecture = g_strdup (arch);
  system->systemd = TRUE;
  system->user = g_strdup (user);
  for (guint i = 0; installed != NULL && installed[i] != NULL; i++)
    g_hash_table_add (system->installed, g_strdup (installed[i]));

  return system;
}

static MatouInstallPlan *
build (const MatouInstallSystem *system,
       MatouInstallMethod        method,
       gboolean                  compose,
       GError                  **error)
{
  MatouInstallOptions options = { .compose = compose };
  const char *id = method == MATOU_INSTALL_METHOD_MIRROR ? "tuna" :
                   method == MATOU_INSTALL_METHOD_DOCKER ? "docker" : NULL;
  const char *url = method == MATOU_INSTALL_METHOD_MIRROR ? TUNA_URL :
                    method == MATOU_INSTALL_METHOD_DOCKER ? DOCKER_URL : NULL;

  return matou_install_plan_build (plans, system, method, id, url, &options,
                                   &matou_install_default_paths, "/var/lib/matou/backups", error);
}

static char *
step_ids (const MatouInstallPlan *plan)
{
  g_auto(GStrv) ids = matou_install_plan_dup_step_ids (plan);

  return g_strjoinv (" ", ids);
}

static char *
command_of (const MatouInstallPlan *plan,
            const char             *id)
{
  const MatouInstallStep *step = matou_install_plan_find_step (plan, id);

  g_assert_nonnull (step);
  return matou_install_step_to_shell (step);
}

/* --- which distribution ------------------------------------------------------ */

static void
test_os_release_fields (void)
{
  g_autoptr(MatouInstallSystem) mint = system_for ("os-release-linuxmint-21", "amd64", "alice", NULL);
  g_autoptr(MatouInstallSystem) fedora = system_for ("os-release-fedora-41", "x86_64", "alice", NULL);
  g_autofree char *description = matou_install_system_describe (mint);

  g_assert_cmpstr (mint->os_id, ==, "linuxmint");
  g_assert_cmpstr (mint->os_ubuntu_codename, ==, "jammy");
  g_assert_cmpstr (mint->os_version_codename, ==, "virginia");
  g_assert_cmpuint (g_strv_length (mint->os_id_like), ==, 2);
  g_assert_cmpstr (description, ==, "Linux Mint 21.3");
  g_assert_cmpint (matou_install_system_guess_family (mint), ==, MATOU_PACKAGE_FAMILY_APT);
  /* VERSION_CODENAME="" is no codename. */
  g_assert_null (fedora->os_version_codename);
  g_assert_cmpint (matou_install_system_guess_family (fedora), ==, MATOU_PACKAGE_FAMILY_DNF);
}

static void
test_distro_matching (void)
{
  struct { const char *fixture; const char *distro; const char *codename; } cases[] = {
    { "os-release-debian-12", "debian", "bookworm" },
    { "os-release-debian-13", "debian", "trixie" },
    { "os-release-ubuntu-22.04", "ubuntu", "jammy" },
    { "os-release-ubuntu-24.04", "ubuntu", "noble" },
    { "os-release-linuxmint-21", "ubuntu", "jammy" },
    { "os-release-fedora-41", "fedora", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MatouInstallSystem) system = system_for (cases[i].fixture, "amd64", "alice", NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *distro = matou_install_plans_match_distro (plans, system, &error);
      g_autoptr(MatouInstallPlan) plan = build (system, MATOU_INSTALL_METHOD_DISTRO, TRUE, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (distro, ==, cases[i].distro);
      g_assert_cmpstr (plan->distro, ==, cases[i].distro);
      g_assert_cmpstr (plan->codename, ==, cases[i].codename);
    }
}

static void
test_arch_unsupported (void)
{
  g_autoptr(MatouInstallSystem) system = system_for ("os-release-arch", "amd64", "alice", NULL);

  for (guint m = 0; m < MATOU_INSTALL_N_METHODS; m++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MatouInstallPlan) plan = build (system, m, TRUE, &error);

      /* No half plan: a message and the documentation instead. */
      g_assert_null (plan);
      g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);
      g_assert_nonnull (strstr (error->message, "Arch Linux"));
      g_assert_nonnull (strstr (error->message, "https://docs.docker.com/engine/install/"));
    }
}

/* --- distribution packages ---------------------------------------------------- */

static void
test_distro_plans (void)
{
  struct { const char *fixture; const char *arch; const char *install; } cases[] = {
    { "os-release-debian-12", "amd64",
      "apt-get install -y --no-remove " APT_LOCK " " DPKG_OPTIONS " docker.io docker-compose" },
    { "os-release-debian-13", "arm64",
      "apt-get install -y --no-remove " APT_LOCK " " DPKG_OPTIONS " docker.io docker-compose" },
    /* Compose v1 on 22.04 and its derivatives, v2 from 24.04. */
    { "os-release-ubuntu-22.04", "amd64",
      "apt-get install -y --no-remove " APT_LOCK " " DPKG_OPTIONS " docker.io docker-compose" },
    { "os-release-ubuntu-24.04", "amd64",
      "apt-get install -y --no-remove " APT_LOCK " " DPKG_OPTIONS " docker.io docker-compose-v2" },
    { "os-release-linuxmint-21", "amd64",
      "apt-get install -y --no-remove " APT_LOCK " " DPKG_OPTIONS " docker.io docker-compose" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MatouInstallSystem) system = system_for (cases[i].fixture, cases[i].arch, "alice", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(MatouInstallPlan) plan = build (system, MATOU_INSTALL_METHOD_DISTRO, TRUE, &error);
      g_autofree char *ids = NULL;
      g_autofree char *update = NULL;
      g_autofree char *install = NULL;
      g_autofree char *service = NULL;
      g_autofree char *group = NULL;
      const MatouInstallStep *step;

      g_assert_no_error (error);
      ids = step_ids (plan);
      g_assert_cmpstr (ids, ==, "update install service group");
      update = command_of (plan, "update");
      g_assert_cmpstr (update, ==, "apt-get " APT_LOCK " update");
      install = command_of (plan, "install");
      g_assert_cmpstr (install, ==, cases[i].install);
      service = command_of (plan, "service");
      g_assert_cmpstr (service, ==, "systemctl enable --now docker");
      group = command_of (plan, "group");
      g_assert_cmpstr (group, ==, "usermod -aG docker alice");

      step = matou_install_plan_find_step (plan, "update");
      g_assert_cmpint (step->check, ==, MATOU_INSTALL_CHECK_INSTALLED);
      step = matou_install_plan_find_step (plan, "group");
      g_assert_nonnull (strstr (step->title, "alice"));
      g_assert_nonnull (strstr (step->why, "newgrp docker"));
      g_assert_null (plan->repository);
    }
}

static void
test_fedora_distro_plan (void)
{
  g_autoptr(MatouInstallSystem) system = system_for ("os-release-fedora-41", "x86_64", "alice", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouInstallPlan) plan = build (system, MATOU_INSTALL_METHOD_DISTRO, TRUE, &error);
  g_autofree char *ids = NULL;
  g_autofree char *install = NULL;

  g_assert_no_error (error);
  ids = step_ids (plan);
  g_assert_cmpstr (ids, ==, "install service group");
  install = command_of (plan, "install");
  g_assert_cmpstr (install, ==, "dnf install -y moby-engine docker-compose");
}

static void
test_compose_rules (void)
{
  const char * const plugin[] = { "docker-compose-plugin", NULL };
  g_autoptr(MatouInstallSystem) with_plugin = system_for ("os-release-ubuntu-24.04", "amd64", "alice", plugin);
  g_autoptr(MatouInstallSystem) plain = system_for ("os-release-ubuntu-24.04", "amd64", "alice", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouInstallPlan) distro = build (with_plugin, MATOU_INSTALL_METHOD_DISTRO, TRUE, &error);
  g_autoptr(MatouInstallPlan) no_compose = build (plain, MATOU_INSTALL_METHOD_DISTRO, FALSE, &error);
  g_autoptr(MatouInstallPlan) docker_no_compose = build (plain, MATOU_INSTALL_METHOD_DOCKER, FALSE, &error);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_assert_no_error (error);
  /* docker-compose-v2 and Docker's plugin own the same file: never both. */
  a = command_of (distro, "install");
  g_assert_true (g_str_has_suffix (a, " docker.io"));
  b = command_of (no_compose, "install");
  g_assert_true (g_str_has_suffix (b, " docker.io"));
  c = command_of (docker_no_compose, "install");
  g_assert_true (g_str_has_suffix (c, " docker-ce docker-ce-cli containerd.io docker-buildx-plugin"));
}

static void
test_root_has_no_group_step (void)
{
  g_autoptr(MatouInstallSystem) system = system_for ("os-release-debian-12", "amd64", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouInstallPlan) plan = build (system, MATOU_INSTALL_METHOD_DISTRO, TRUE, &error);
  g_autofree char *ids = NULL;

  g_assert_no_error (error);
  ids = step_ids (plan);
  g_assert_cmpstr (ids, ==, "update install service");
}

static void
test_no_systemd_uses_service (void)
{
  g_autoptr(MatouInstallSystem) system = system_for ("os-release-ubuntu-22.04", "amd64", "alice", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouInstallPlan) plan = NULL;
  g_autofree char *service = NULL;

  /* WSL without systemd. */
  system->systemd = FALSE;
  system->wsl = TRUE;
  plan = build (system, MATOU_INSTALL_METHOD_DISTRO, TRUE, &error);
  g_assert_no_error (error);
  service = command_of (plan, "service");
  g_assert_cmpstr (service, ==, "service docker start");
}

static void
test_docker_ce_blocks_distro (void)
{
  const char * const installed[] = { "docker-ce", "containerd.io", NULL };
  g_autoptr(MatouInstallSystem) system = system_for ("os-release-debian-12", "amd64", "alice", installed);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouInstallPlan) plan = build (system, MATOU_INSTALL_METHOD_DISTRO, TRUE, &error);
  g_autoptr(MatouInstallPlan) docker = NULL;

  g_assert_null (plan);
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "docker-ce"));
  g_clear_error (&error);

  docker = build (system, MATOU_INSTALL_METHOD_DOCKER, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (docker);
}

/* --- Docker's repository and its mirrors --------------------------------------- */

static void
test_repository_plans (void)
{
  struct {
    const char *fixture;
    MatouInstallMethod method;
    const char *repository;
    const char *sources;
  } cases[] = {
    { "os-release-debian-12", MATOU_INSTALL_METHOD_DOCKER, DOCKER_URL "/linux/debian",
      "Types: deb\n"
      "URIs: https://download.docker.com/linux/debian\n"
      "Suites: bookworm\n"
      "Components: stable\n"
      "Architectures: amd64\n"
      "Signed-By: /etc/apt/keyrings/docker.asc\n" },
    { "os-release-debian-13", MATOU_INSTALL_METHOD_MIRROR, TUNA_URL "/linux/debian",
      "Types: deb\n"
      "URIs: https://mirrors.tuna.tsinghua.edu.cn/docker-ce/linux/debian\n"
      "Suites: trixie\n"
      "Components: stable\n"
      "Architectures: amd64\n"
      "Signed-By: /etc/apt/keyrings/docker.asc\n" },
    { "os-release-ubuntu-22.04", MATOU_INSTALL_METHOD_DOCKER, DOCKER_URL "/linux/ubuntu",
      "Types: deb\n"
      "URIs: https://download.docker.com/linux/ubuntu\n"
      "Suites: jammy\n"
      "Components: stable\n"
      "Architectures: amd64\n"
      "Signed-By: /etc/apt/keyrings/docker.asc\n" },
    { "os-release-ubuntu-24.04", MATOU_INSTALL_METHOD_MIRROR, TUNA_URL "/linux/ubuntu",
      "Types: deb\n"
      "URIs: https://mirrors.tuna.tsinghua.edu.cn/docker-ce/linux/ubuntu\n"
      "Suites: noble\n"
      "Components: stable\n"
      "Architectures: amd64\n"
      "Signed-By: /etc/apt/keyrings/docker.asc\n" },
    /* Mint's own codename means nothing to Docker: UBUNTU_CODENAME does. */
    { "os-release-linuxmint-21", MATOU_INSTALL_METHOD_MIRROR, TUNA_URL "/linux/ubuntu",
      "Types: deb\n"
      "URIs: https://mirrors.tuna.tsinghua.edu.cn/docker-ce/linux/ubuntu\n"
      "Suites: jammy\n"
      "Components: stable\n"
      "Architectures: amd64\n"
      "Signed-By: /etc/apt/keyrings/docker.asc\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MatouInstallSystem) system = system_for (cases[i].fixture, "amd64", "alice", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(MatouInstallPlan) plan = build (system, cases[i].method, TRUE, &error);
      g_autofree char *ids = NULL;
      g_autofree char *key = NULL;
      g_autofree char *expected_key = NULL;
      g_autofree char *update = NULL;
      g_autofree char *download = NULL;
      g_autofree char *install = NULL;
      const MatouInstallStep *repository;
      const MatouInstallStep *verify;
      const MatouInstallStep *key_step;

      g_assert_no_error (error);
      g_assert_cmpstr (plan->repository, ==, cases[i].repository);
      ids = step_ids (plan);
      /* Nothing conflicting is installed: no removal step. */
      g_assert_cmpstr (ids, ==, "update prerequisites key repository update-repository download install service group");

      key_step = matou_install_plan_find_step (plan, "key");
      g_assert_cmpint (key_step->kind, ==, MATOU_INSTALL_STEP_DOWNLOAD);
      g_assert_true (key_step->rollback);
      g_assert_cmpuint (key_step->mode, ==, 0644);
      key = command_of (plan, "key");
      expected_key = g_strdup_printf ("install -m 0755 -d /etc/apt/keyrings\n"
                                      "curl -fsSL %s/gpg -o /etc/apt/keyrings/docker.asc\n"
                                      "chmod a+r /etc/apt/keyrings/docker.asc", cases[i].repository);
      g_assert_cmpstr (key, ==, expected_key);

      repository = matou_install_plan_find_step (plan, "repository");
      g_assert_cmpint (repository->kind, ==, MATOU_INSTALL_STEP_WRITE);
      g_assert_cmpstr (repository->path, ==, "/etc/apt/sources.list.d/docker.sources");
      g_assert_cmpstr (repository->content, ==, cases[i].sources);
      g_assert_true (repository->rollback);
      g_assert_null (repository->replaces);

      verify = matou_install_plan_find_step (plan, "update-repository");
      g_assert_cmpstr (verify->repository, ==, cases[i].repository);
      g_assert_true (g_strv_contains ((const char * const *) verify->verifies, "key"));
      g_assert_true (g_strv_contains ((const char * const *) verify->verifies, "repository"));
      update = command_of (plan, "update-repository");
      g_assert_cmpstr (update, ==, "apt-get " APT_LOCK " update");

      download = command_of (plan, "download");
      g_assert_cmpstr (download, ==, "apt-get install -y --download-only " APT_LOCK
                                     " docker-ce docker-ce-cli containerd.io docker-buildx-plugin docker-compose-plugin");
      install = command_of (plan, "install");
      g_assert_cmpstr (install, ==, "apt-get install -y --no-remove " APT_LOCK " " DPKG_OPTIONS
                                    " docker-ce docker-ce-cli containerd.io docker-buildx-plugin docker-compose-plugin");
    }
}

static void
test_conflicts_named (void)
{
  const char * const installed[] = { "docker.io", "containerd", "runc", "docker-compose", NULL };
  g_autoptr(MatouInstallSystem) system = system_for ("os-release-debian-12", "amd64", "alice", installed);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouInstallPlan) plan = build (system, MATOU_INSTALL_METHOD_MIRROR, TRUE, &error);
  g_autofree char *ids = NULL;
  g_autofree char *remove = NULL;
  const MatouInstallStep *step;

  g_assert_no_error (error);
  ids = step_ids (plan);
  /* Removal comes after the repository is proven and everything is downloaded. */
  g_assert_cmpstr (ids, ==, "update prerequisites key repository update-repository download remove-conflicts install service group");
  remove = command_of (plan, "remove-conflicts");
  /* Only what is installed: apt-get refuses to remove a package it does not know. */
  g_assert_cmpstr (remove, ==, "apt-get remove -y " APT_LOCK " docker.io docker-compose containerd runc");
  step = matou_install_plan_find_step (plan, "remove-conflicts");
  g_assert_nonnull (strstr (step->why, "docker.io, docker-compose, containerd, runc"));
  g_assert_nonnull (strstr (step->why, "/var/lib/docker are kept"));
  g_assert_cmpint (step->check, ==, MATOU_INSTALL_CHECK_ABSENT);
  g_assert_true (g_strv_contains ((const char * const *) step->check_packages, "podman-docker"));
}

static void
test_old_docker_list_moved (void)
{
  g_autoptr(MatouInstallSystem) system = system_for ("os-release-ubuntu-22.04", "amd64", "alice", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouInstallPlan) plan = NULL;
  g_autofree char *shell = NULL;
  const MatouInstallStep *step;

  system->has_docker_list = TRUE;
  plan = build (system, MATOU_INSTALL_METHOD_DOCKER, TRUE, &error);
  g_assert_no_error (error);
  step = matou_install_plan_find_step (plan, "repository");
  g_assert_cmpstr (step->replaces, ==, "/etc/apt/sources.list.d/docker.list");
  g_assert_cmpstr (step->replaces_backup, ==, "/var/lib/matou/backups/docker.list");
  g_assert_nonnull (strstr (step->why, "/etc/apt/sources.list.d/docker.list"));
  shell = matou_install_step_to_shell (step);
  g_assert_true (g_str_has_prefix (shell, "mkdir -p /var/lib/matou/backups\n"
                                          "mv /etc/apt/sources.list.d/docker.list /var/lib/matou/backups/docker.list\n"));
  g_assert_true (g_str_has_suffix (shell, "tee /etc/apt/sources.list.d/docker.sources > /dev/null <<'EOF'\n"
                                          "Types: deb\n"
                                          "URIs: https://download.docker.com/linux/ubuntu\n"
                                          "Suites: jammy\n"
                                          "Components: stable\n"
                                          "Architectures: amd64\n"
                                          "Signed-By: /etc/apt/keyrings/docker.asc\n"
                                          "EOF"));
}

static void
test_fedora_repository_plan (void)
{
  const char * const installed[] = { "moby-engine", "docker-compose", NULL };
  g_autoptr(MatouInstallSystem) system = system_for ("os-release-fedora-41", "x86_64", "alice", installed);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouInstallPlan) plan = build (system, MATOU_INSTALL_METHOD_MIRROR, TRUE, &error);
  g_autofree char *ids = NULL;
  g_autofree char *makecache = NULL;
  g_autofree char *remove = NULL;
  g_autofree char *install = NULL;
  g_autofree char *key = NULL;
  const MatouInstallStep *repository;
  const MatouInstallStep *key_step;
  const MatouInstallStep *verify;

  g_assert_no_error (error);
  ids = step_ids (plan);
  g_assert_cmpstr (ids, ==, "key repository update-repository remove-conflicts install service group");
  /* The key comes from the mirror, is checked by the helper like apt's and is
   * the one dnf trusts: the repository file names the local copy, not the mirror's. */
  key_step = matou_install_plan_find_step (plan, "key");
  g_assert_cmpint (key_step->kind, ==, MATOU_INSTALL_STEP_DOWNLOAD);
  g_assert_cmpstr (key_step->url, ==, "https://mirrors.tuna.tsinghua.edu.cn/docker-ce/linux/fedora/gpg");
  g_assert_cmpstr (key_step->path, ==, "/etc/pki/rpm-gpg/docker-ce.asc");
  g_assert_cmpuint (key_step->mode, ==, 0644);
  g_assert_cmpint (key_step->check, ==, MATOU_INSTALL_CHECK_KEY);
  g_assert_true (key_step->rollback);
  g_assert_nonnull (strstr (key_step->why, "/etc/pki/rpm-gpg/docker-ce.asc"));
  key = command_of (plan, "key");
  g_assert_cmpstr (key, ==, "install -m 0755 -d /etc/pki/rpm-gpg\n"
                   "curl -fsSL https://mirrors.tuna.tsinghua.edu.cn/docker-ce/linux/fedora/gpg -o /etc/pki/rpm-gpg/docker-ce.asc\n"
                   "chmod a+r /etc/pki/rpm-gpg/docker-ce.asc");
  verify = matou_install_plan_find_step (plan, "update-repository");
  g_assert_true (g_strv_contains ((const char * const *) verify->verifies, "key"));
  g_assert_true (g_strv_contains ((const char * const *) verify->verifies, "repository"));
  repository = matou_install_plan_find_step (plan, "repository");
  g_assert_cmpstr (repository->path, ==, "/etc/yum.repos.d/docker-ce.repo");
  g_assert_cmpstr (repository->content, ==,
                   "[docker-ce-stable]\n"
                   "name=Docker CE Stable - $basearch\n"
                   "baseurl=https://mirrors.tuna.tsinghua.edu.cn/docker-ce/linux/fedora/$releasever/$basearch/stable\n"
                   "enabled=1\n"
                   "gpgcheck=1\n"
                   "gpgkey=file:///etc/pki/rpm-gpg/docker-ce.asc\n");
  makecache = command_of (plan, "update-repository");
  g_assert_cmpstr (makecache, ==, "dnf makecache --repo docker-ce-stable");
  remove = command_of (plan, "remove-conflicts");
  g_assert_cmpstr (remove, ==, "dnf remove -y moby-engine docker-compose");
  install = command_of (plan, "install");
  g_assert_cmpstr (install, ==, "dnf install -y docker-ce docker-ce-cli containerd.io docker-buildx-plugin docker-compose-plugin");
}

static void
test_unknown_codename_and_arch (void)
{
  g_autoptr(MatouInstallSystem) sid = system_for ("os-release-debian-13", "amd64", "alice", NULL);
  g_autoptr(MatouInstallSystem) riscv = system_for ("os-release-ubuntu-24.04", "riscv64", "alice", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouInstallPlan) distro = NULL;
  g_autoptr(MatouInstallPlan) docker = NULL;
  g_autoptr(MatouInstallPlan) other = NULL;

  g_free (sid->os_version_codename);
  sid->os_version_codename = g_strdup ("forky");
  distro = build (sid, MATOU_INSTALL_METHOD_DISTRO, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (distro);
  docker = build (sid, MATOU_INSTALL_METHOD_DOCKER, TRUE, &error);
  g_assert_null (docker);
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "forky"));
  g_clear_error (&error);

  other = build (riscv, MATOU_INSTALL_METHOD_MIRROR, TRUE, &error);
  g_assert_null (other);
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "riscv64"));
}

static void
test_base_urls (void)
{
  const char *good[] = {
    "https://mirrors.aliyun.com/docker-ce", "https://download.docker.com", "http://127.0.0.1:8080/docker-ce",
  };
  const char *bad[] = {
    "http://mirrors.aliyun.com/docker-ce", "https://mirrors.aliyun.com/docker-ce/", "ftp://a.example/x",
    "https://user:pw@a.example/x", "https://a.example/x?y=1", "https://a.example/x#y",
    "https://a.example/x\nURIs: evil", "https://a.example/x y", "https://a.example/../etc", "", "https://",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (matou_install_validate_base_url (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (matou_install_validate_base_url (bad[i], &error));
      g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);
    }
}

static void
test_script (void)
{
  const char * const installed[] = { "docker.io", NULL };
  g_autoptr(MatouInstallSystem) system = system_for ("os-release-ubuntu-24.04", "amd64", "alice", installed);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouInstallPlan) plan = build (system, MATOU_INSTALL_METHOD_MIRROR, TRUE, &error);
  g_autofree char *script = NULL;
  const char *at;

  g_assert_no_error (error);
  script = matou_install_plan_to_script (plan, "A mirror of Docker’s repository on Ubuntu 24.04");
  g_assert_true (g_str_has_prefix (script, "#!/bin/sh\n# A mirror of Docker’s repository on Ubuntu 24.04\n"));
  g_assert_nonnull (strstr (script, "\nset -e\n"));
  g_assert_nonnull (strstr (script, "export LC_ALL=C DEBIAN_FRONTEND=noninteractive\n"));

  /* The header, exactly; then every step, in order, with its title and its
   * exact commands, one right after the other: nothing between them. */
  at = script;
  for (guint i = 0; i < plan->steps->len; i++)
    {
      const MatouInstallStep *step = g_ptr_array_index (plan->steps, i);
      g_autofree char *shell = matou_install_step_to_shell (step);
      g_autofree char *block = g_strdup_printf ("\n# %u. %s\n%s\n", i + 1, step->title, shell);
      const char *found = strstr (at, block);

      g_assert_nonnull (found);
      if (i == 0)
        {
          g_autofree char *header = g_strndup (script, found - script);

          g_assert_cmpstr (header, ==,
                           "#!/bin/sh\n"
                           "# A mirror of Docker’s repository on Ubuntu 24.04\n"
                           "# Run it as root (for example with sudo sh). Matou runs the same steps, and skips the ones already done.\n"
                           "set -e\n"
                           "export LC_ALL=C DEBIAN_FRONTEND=noninteractive\n");
        }
      else
        g_assert_true (found == at);
      at = found + strlen (block);
    }
  g_assert_cmpstr (at, ==, "");

  /* A shell can read it. */
  {
    g_autofree char *path = NULL;
    int fd = g_file_open_tmp ("matou-script-XXXXXX.sh", &path, &error);
    const char *argv[] = { "sh", "-n", NULL, NULL };
    int status = -1;

    g_assert_no_error (error);
    g_assert_true (g_file_set_contents (path, script, -1, &error));
    close (fd);
    argv[2] = path;
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_unlink (path);
  }
}

static void
test_translatable_texts_listed (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MATOU_TEST_FIXTURES"), "..", "..", "data", "install-plans.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("\"(title|why|why-replaces|when)\": \"((?:[^\"\\\\]|\\\\.)*)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint count = 0;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *value = g_match_info_fetch (match, 2);

      if (!matou_install_plans_string_is_listed (value))
        g_error ("“%s” of install-plans.json is not listed for translation", value);
      count++;
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (count, >, 30);
}

/* --- the request ---------------------------------------------------------------- */

static void
test_request (void)
{
  struct { const char *json; const char *words; } bad[] = {
    { "{not json", "not valid JSON" },
    { "[]", "JSON object" },
    { "{\"plan\": \"curl | sh\"}", "unknown plan" },
    { "{\"plan\": \"distro-packages\", \"command\": [\"rm\"]}", "unknown member" },
    { "{\"plan\": \"distro-packages\", \"mirror\": \"tuna\"}", "Only the plan docker-mirror" },
    { "{\"plan\": \"docker-mirror\"}", "needs the name of a mirror" },
    { "{\"plan\": \"docker-mirror\", \"mirror\": \"https://evil.example\"}", "needs the name of a mirror" },
    { "{\"plan\": \"distro-packages\", \"options\": {\"compose\": \"yes\"}}", "true or false" },
    { "{\"plan\": \"distro-packages\", \"options\": {\"user\": \"root\"}}", "unknown option" },
    { "{\"plan\": \"distro-packages\", \"steps\": [\"update; rm -rf /\"]}", "list of step names" },
    { "{\"plan\": \"distro-packages\", \"steps\": \"update\"}", "list of step names" },
  };
  g_autoptr(MatouInstallRequest) request = NULL;
  g_autoptr(MatouInstallRequest) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const char * const steps[] = { "update", "install", NULL };
  MatouInstallOptions options = { .compose = FALSE };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) bad_error = NULL;
      g_autoptr(MatouInstallRequest) refused = matou_install_request_parse (bad[i].json, -1, &bad_error);

      g_assert_null (refused);
      g_assert_error (bad_error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);
      if (strstr (bad_error->message, bad[i].words) == NULL)
        g_error ("%s: “%s” does not say “%s”", bad[i].json, bad_error->message, bad[i].words);
    }

  request = matou_install_request_new (MATOU_INSTALL_METHOD_MIRROR, "tuna", &options, steps);
  json = matou_install_request_to_json (request);
  g_assert_null (strchr (json, '\n'));
  g_assert_cmpstr (json, ==, "{\"plan\":\"docker-mirror\",\"mirror\":\"tuna\",\"options\":{\"compose\":false},\"steps\":[\"update\",\"install\"]}");
  again = matou_install_request_parse (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->method, ==, MATOU_INSTALL_METHOD_MIRROR);
  g_assert_cmpstr (again->mirror, ==, "tuna");
  g_assert_false (again->options.compose);
  g_assert_cmpstrv (again->steps, steps);
}

/* --- failures in words ------------------------------------------------------------ */

static char **
fixture_lines (const char *name)
{
  g_autofree char *text = matou_test_read_fixture (name, NULL);

  return g_strsplit (text, "\n", -1);
}

static void
test_failures (void)
{
  g_auto(GStrv) unreachable = fixture_lines ("apt-update-unreachable.txt");
  g_auto(GStrv) no_release = fixture_lines ("apt-update-no-release.txt");
  g_auto(GStrv) lock = fixture_lines ("apt-lock-held.txt");
  g_auto(GStrv) conflict = fixture_lines ("apt-conflict.txt");
  const char *missing[] = { "E: Unable to locate package docker-compose-v2", NULL };
  const char *curl[] = { "curl: (6) Could not resolve host: download.docker.com", NULL };
  g_autoptr(MatouInstallSystem) system = system_for ("os-release-debian-12", "amd64", "alice", NULL);
  g_autoptr(MatouInstallPlan) docker = build (system, MATOU_INSTALL_METHOD_DOCKER, TRUE, NULL);
  g_autoptr(MatouInstallPlan) mirror = build (system, MATOU_INSTALL_METHOD_MIRROR, TRUE, NULL);
  g_autofree char *network = NULL;
  g_autofree char *other_mirror = NULL;
  g_autofree char *repository = NULL;
  g_autofree char *waited = NULL;

  /* apt-get update exits 0 when a source cannot be reached: the lines tell. */
  g_assert_true (matou_install_output_names_failed_repository ((const char * const *) unreachable,
                                                              DOCKER_URL "/linux/debian"));
  g_assert_false (matou_install_output_names_failed_repository ((const char * const *) unreachable,
                                                               TUNA_URL "/linux/debian"));
  g_assert_true (matou_install_output_names_failed_repository ((const char * const *) no_release,
                                                              TUNA_URL "/linux/debian"));

  g_assert_cmpint (matou_install_classify_output ((const char * const *) unreachable, NULL), ==, MATOU_INSTALL_FAILURE_NETWORK);
  g_assert_cmpint (matou_install_classify_output ((const char * const *) no_release, NULL), ==, MATOU_INSTALL_FAILURE_REPOSITORY);
  g_assert_cmpint (matou_install_classify_output ((const char * const *) lock, NULL), ==, MATOU_INSTALL_FAILURE_LOCK);
  g_assert_cmpint (matou_install_classify_output ((const char * const *) conflict, NULL), ==, MATOU_INSTALL_FAILURE_CONFLICT);
  g_assert_cmpint (matou_install_classify_output (missing, NULL), ==, MATOU_INSTALL_FAILURE_MISSING);
  g_assert_cmpint (matou_install_classify_output (curl, NULL), ==, MATOU_INSTALL_FAILURE_NETWORK);

  network = matou_install_explain_failure (docker, matou_install_plan_find_step (docker, "key"),
                                           MATOU_INSTALL_FAILURE_NETWORK, curl[0]);
  g_assert_nonnull (strstr (network, "download.docker.com"));
  g_assert_nonnull (strstr (network, "A mirror of Docker’s repository"));
  other_mirror = matou_install_explain_failure (mirror, matou_install_plan_find_step (mirror, "update-repository"),
                                                MATOU_INSTALL_FAILURE_NETWORK, "x");
  g_assert_nonnull (strstr (other_mirror, "mirrors.tuna.tsinghua.edu.cn"));
  g_assert_nonnull (strstr (other_mirror, "another mirror"));
  repository = matou_install_explain_failure (mirror, matou_install_plan_find_step (mirror, "update-repository"),
                                              MATOU_INSTALL_FAILURE_REPOSITORY, no_release[4]);
  g_assert_nonnull (strstr (repository, "bookworm"));
  g_assert_nonnull (strstr (repository, "removed again"));
  waited = matou_install_explain_failure (mirror, matou_install_plan_find_step (mirror, "install"),
                                          MATOU_INSTALL_FAILURE_LOCK, lock[1]);
  g_assert_nonnull (strstr (waited, "120 seconds"));
  g_assert_nonnull (strstr (waited, "unattended-upgr"));
}

/* --- the small parsers ---------------------------------------------------------------- */

static void
test_parsers (void)
{
  g_autoptr(GHashTable) installed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) rpm = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *asked[] = { "moby-engine", "docker-ce", "podman-docker", NULL };
  g_autofree char *arm = matou_architecture_from_machine ("aarch64");
  const char *key = "\n-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBFit2ioBEADhWpZ8\n-----END PGP PUBLIC KEY BLOCK-----\n";

  matou_parse_dpkg_query_output ("docker.io\tinstalled\ncontainerd\tinstalled\nrunc\tconfig-files\n"
                                 "libc6:amd64\tinstalled\ndocker-ce\tnot-installed\n", installed);
  g_assert_true (g_hash_table_contains (installed, "docker.io"));
  g_assert_true (g_hash_table_contains (installed, "containerd"));
  g_assert_true (g_hash_table_contains (installed, "libc6"));
  g_assert_false (g_hash_table_contains (installed, "runc"));
  g_assert_false (g_hash_table_contains (installed, "docker-ce"));

  matou_parse_rpm_query_output ("moby-engine\npackage docker-ce is not installed\npackage podman-docker is not installed\n",
                                asked, rpm);
  g_assert_cmpuint (g_hash_table_size (rpm), ==, 1);
  g_assert_true (g_hash_table_contains (rpm, "moby-engine"));

  g_assert_true (matou_kernel_release_is_wsl ("5.15.167.4-microsoft-standard-WSL2"));
  g_assert_true (matou_kernel_release_is_wsl ("4.4.0-19041-Microsoft"));
  g_assert_false (matou_kernel_release_is_wsl ("6.1.0-28-amd64"));
  g_assert_cmpstr (arm, ==, "arm64");

  g_assert_true (matou_install_text_is_key (key, strlen (key)));
  g_assert_false (matou_install_text_is_key ("<html>404</html>", 16));
  g_assert_false (matou_install_text_is_key ("", 0));

  g_assert_true (matou_user_name_is_valid ("alice"));
  g_assert_true (matou_user_name_is_valid ("li_wei.2"));
  g_assert_false (matou_user_name_is_valid ("-rf"));
  g_assert_false (matou_user_name_is_valid ("a b"));
  g_assert_false (matou_user_name_is_valid ("root\nx"));
  g_assert_false (matou_package_name_is_valid ("--purge"));
}

static void
test_package_names (void)
{
  g_auto(GStrv) names = matou_install_plans_dup_package_names (plans);

  for (guint i = 0; names[i] != NULL; i++)
    g_assert_true (matou_package_name_is_valid (names[i]));
  g_assert_true (g_strv_contains ((const char * const *) names, "docker.io"));
  g_assert_true (g_strv_contains ((const char * const *) names, "docker-compose-v2"));
  g_assert_true (g_strv_contains ((const char * const *) names, "docker-ce"));
  g_assert_true (g_strv_contains ((const char * const *) names, "moby-engine"));
  g_assert_true (g_strv_contains ((const char * const *) names, "curl"));
}

/* --- mirror speed ranking against loopback servers ------------------------------------ */

typedef struct {
  GSocketService *service;
  guint           delay_ms;
  guint16         port;
} SlowServer;

/* A threaded service: each connection waits in its own thread, so the
 * probes (on this thread's main loop) are never held up by the server. */
static gboolean
run_cb (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source,
        gpointer                user_data)
{
  SlowServer *server = user_data;
  static const char reply[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";
  char buffer[4096];

  g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)), buffer, sizeof buffer, NULL, NULL);
  g_usleep (server->delay_ms * 1000);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             reply, sizeof reply - 1, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
slow_server_start (SlowServer *server,
                   guint       delay_ms)
{
  g_autoptr(GError) error = NULL;

  server->delay_ms = delay_ms;
  server->service = g_threaded_socket_service_new (4);
  server->port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (server->service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (server->service, "run", G_CALLBACK (run_cb), server);
  g_socket_service_start (server->service);
}

static void
probe_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = matou_probe_many_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
fail_after_deadline (gpointer what)
{
  g_error ("%s did not finish within its deadline", (const char *) what);
  return G_SOURCE_REMOVE;
}

static void
test_mirror_ranking (void)
{
  SlowServer slow = { 0 };
  SlowServer fast = { 0 };
  g_autoptr(GSocket) closed = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) ranked = NULL;
  const char *ids[] = { "slow", "dead", "fast", NULL };
  const char *expected[] = { "fast", "slow", "dead", NULL };
  guint16 dead_port;
  guint timer;

  slow_server_start (&slow, 600);
  slow_server_start (&fast, 20);
  /* A port that was free a moment ago: nothing listens there now. */
  g_assert_true (g_socket_bind (closed, any_port, TRUE, NULL));
  bound = g_socket_get_local_address (closed, NULL);
  dead_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (closed, NULL);

  g_ptr_array_add (urls, g_strdup_printf ("http://127.0.0.1:%u/docker-ce/linux/ubuntu/gpg", slow.port));
  g_ptr_array_add (urls, g_strdup_printf ("http://127.0.0.1:%u/docker-ce/linux/ubuntu/gpg", dead_port));
  g_ptr_array_add (urls, g_strdup_printf ("http://127.0.0.1:%u/docker-ce/linux/ubuntu/gpg", fast.port));
  g_ptr_array_add (urls, NULL);

  matou_probe_many_async ((const char * const *) urls->pdata, MATOU_PROBE_DOWNLOAD, NULL, 5, NULL,
                          probe_done_cb, &results);
  /* The probes' own timeout is 5 s: well before this, they have answered. */
  timer = g_timeout_add_seconds (30, fail_after_deadline, "probing the three mirrors");
  while (results == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timer);

  g_assert_cmpuint (results->len, ==, 3);
  g_assert_cmpint (((MatouProbeResult *) results->pdata[0])->verdict, ==, MATOU_PROBE_OK);
  g_assert_cmpint (((MatouProbeResult *) results->pdata[1])->verdict, !=, MATOU_PROBE_OK);
  g_assert_cmpint (((MatouProbeResult *) results->pdata[2])->verdict, ==, MATOU_PROBE_OK);

  ranked = matou_install_rank_mirrors (ids, results);
  g_assert_cmpstrv (ranked, expected);

  g_socket_service_stop (slow.service);
  g_socket_service_stop (fast.service);
  g_object_unref (slow.service);
  g_object_unref (fast.service);
}

/* GLib's "$" also matches before a last newline or carriage return: none
 * of the rules may let one through (found by fuzzing os-release). */
static void
test_no_trailing_newline (void)
{
  const char *lines[] = { "\n", "\r" };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *id = g_strconcat ("debian", lines[i], NULL);
      g_autofree char *package = g_strconcat ("docker.io", lines[i], NULL);
      g_autofree char *user = g_strconcat ("alice", lines[i], NULL);
      g_autofree char *url = g_strconcat ("https://mirror.example.com/docker-ce", lines[i], NULL);
      g_autofree char *request = g_strdup_printf ("{\"plan\": \"docker-mirror\", \"mirror\": \"tuna%s\"}",
                                                  lines[i][0] == '\n' ? "\\n" : "\\r");
      g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(MatouInstallSystem) system = matou_install_system_new ();
      g_autoptr(MatouInstallRequest) parsed = NULL;
      g_autoptr(GError) error = NULL;

      g_hash_table_insert (table, g_strdup ("ID"), g_strdup (id));
      g_hash_table_insert (table, g_strdup ("VERSION_CODENAME"), g_strdup (id));
      matou_install_system_set_os_release (system, lookup_in_table, table);
      g_assert_null (system->os_id);
      g_assert_null (system->os_version_codename);
      g_assert_false (matou_package_name_is_valid (package));
      g_assert_false (matou_user_name_is_valid (user));
      g_assert_false (matou_install_validate_base_url (url, NULL));
      parsed = matou_install_request_parse (request, -1, &error);
      g_assert_null (parsed);
      g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* The texts are compared in English. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  path = g_build_filename (g_getenv ("MATOU_TEST_FIXTURES"), "..", "..", "data", "install-plans.json", NULL);
  plans = matou_install_plans_load (path, &error);
  g_assert_no_error (error);

  g_test_add_func ("/install-plan/os-release-fields", test_os_release_fields);
  g_test_add_func ("/install-plan/distro-matching", test_distro_matching);
  g_test_add_func ("/install-plan/arch-unsupported", test_arch_unsupported);
  g_test_add_func ("/install-plan/distro-plans", test_distro_plans);
  g_test_add_func ("/install-plan/fedora-distro-plan", test_fedora_distro_plan);
  g_test_add_func ("/install-plan/compose-rules", test_compose_rules);
  g_test_add_func ("/install-plan/root-has-no-group-step", test_root_has_no_group_step);
  g_test_add_func ("/install-plan/no-systemd-uses-service", test_no_systemd_uses_service);
  g_test_add_func ("/install-plan/docker-ce-blocks-distro", test_docker_ce_blocks_distro);
  g_test_add_func ("/install-plan/repository-plans", test_repository_plans);
  g_test_add_func ("/install-plan/conflicts-named", test_conflicts_named);
  g_test_add_func ("/install-plan/old-docker-list-moved", test_old_docker_list_moved);
  g_test_add_func ("/install-plan/fedora-repository-plan", test_fedora_repository_plan);
  g_test_add_func ("/install-plan/unknown-codename-and-arch", test_unknown_codename_and_arch);
  g_test_add_func ("/install-plan/base-urls", test_base_urls);
  g_test_add_func ("/install-plan/script", test_script);
  g_test_add_func ("/install-plan/translatable-texts-listed", test_translatable_texts_listed);
  g_test_add_func ("/install-plan/request", test_request);
  g_test_add_func ("/install-plan/failures", test_failures);
  g_test_add_func ("/install-plan/parsers", test_parsers);
  g_test_add_func ("/install-plan/package-names", test_package_names);
  g_test_add_func ("/install-plan/mirror-ranking", test_mirror_ranking);
  g_test_add_func ("/install-plan/no-trailing-newline", test_no_trailing_newline);

  status = g_test_run ();
  matou_install_plans_free (plans);
  return status;
}
