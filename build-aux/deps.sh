# Package lists and the installer shared by build-aux/run and build-aux/test.
# Sourced, not run. Debian 12 and Ubuntu 24.04 name these packages alike.

MATOU_BUILD_PACKAGES="meson ninja-build pkg-config gcc gettext libglib2.0-dev libglib2.0-dev-bin
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libsoup-3.0-dev libsecret-1-dev desktop-file-utils appstream"
# gpg: the helper checks the signing key a mirror serves before writing it.
MATOU_RUNTIME_PACKAGES="polkitd pkexec gpg"
# build-aux/deb: what dpkg-buildpackage and lintian need besides the build
# list (the Build-Depends of build-aux/debian/control are that list).
# build-aux/deb-check adds debootstrap (in the test list) for its clean tree.
MATOU_DEB_PACKAGES="build-essential dpkg-dev debhelper fakeroot lintian"
# dnsmasq-base: the DNS probe test runs its own dnsmasq; the "dnsmasq" package
# would also start a system service on port 53. xclip, xdotool: the Install
# page test reads what "Copy as Shell Script" put on the clipboard, as another
# program would, and clicks the check buttons GTK 4.8 gives no AT-SPI action.
# debootstrap: the helper suite makes a Debian 13 tree for a real Engine 26.
# systemd-container: it boots a Debian 12 tree with systemd-nspawn for the
# systemd backend. clang, libfuzzer-14-dev: build-aux/fuzz builds the fuzz
# targets with libFuzzer (the suite "fuzz" needs neither). libasan8,
# libubsan1: the sanitizer build of build-aux/test (gcc's run-time parts).
# docker-registry, busybox-static: the doctor's test pull goes through a real
# registry on loopback holding an image made from busybox without the network
# (the package's own service, where an init system starts it, listens on 5000;
# the tests run their own on a free port). tinyproxy-bin: a real proxy for the
# doctor's proxy stage, the program only ("tinyproxy" would also start a
# system service on port 8888). ansible, ansible-lint: `matou export`'s
# playbook is checked and run for real with ansible-playbook -c local.
# rootlesskit, uidmap: a real rootless dockerd for matou-helper --rootless.
# openssh-server, openssl: an ssh:// context through a real sshd on loopback,
# and the certificates of a tcp:// Engine with TLS.
MATOU_TEST_PACKAGES="docker.io xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-gi
  python3-pyatspi gir1.2-atspi-2.0 fonts-noto-cjk locales imagemagick iproute2 dnsmasq-base
  xclip xdotool gnome-keyring libsecret-tools debootstrap systemd-container
  clang libfuzzer-14-dev libasan8 libubsan1
  docker-registry busybox-static tinyproxy-bin ansible ansible-lint rootlesskit uidmap
  openssh-server openssl"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "matou: this step needs root and sudo is not installed: $*" >&2
    return 1
  fi
}

# Installs the packages of the lists given that are not installed yet, and
# says which. Idempotent: a second run installs nothing.
matou_install_packages() {
  local missing=""
  for pkg in $*; do
    if ! dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      missing="$missing $pkg"
    fi
  done
  if [ -z "$missing" ]; then
    echo "matou: all needed packages are installed."
    return 0
  fi
  echo "matou: installing:$missing"
  if [ -z "${MATOU_APT_UPDATED:-}" ]; then
    as_root apt-get update -q || return 1
    MATOU_APT_UPDATED=1
  fi
  # No prompts: CI runs without standard input.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing </dev/null
}

# The zh_CN tests need the locale itself, not only the translations.
matou_ensure_locale() {
  local want="$1"   # for example zh_CN.UTF-8
  local short
  short=$(echo "$want" | sed 's/UTF-8/utf8/')
  if locale -a 2>/dev/null | grep -qx "$short"; then
    return 0
  fi
  echo "matou: generating the $want locale"
  if [ -f /etc/locale.gen ]; then
    as_root sed -i "s/^# *$want UTF-8/$want UTF-8/" /etc/locale.gen
    grep -q "^$want UTF-8" /etc/locale.gen || echo "$want UTF-8" | as_root tee -a /etc/locale.gen >/dev/null
    as_root locale-gen
  else
    as_root localedef -i "${want%%.*}" -f UTF-8 "$want"
  fi
}
