# vcpkg port of smtpreply (header-only). SHA512 is that of the release
# tarball of the tag v${VERSION}; fill it in when the port is submitted
# (vcpkg prints the right value on the first install).
vcpkg_from_github(
  OUT_SOURCE_PATH SOURCE_PATH
  REPO smtpreply/smtpreply
  REF "v${VERSION}"
  SHA512 0
  HEAD_REF main
)

set(VCPKG_BUILD_TYPE release)  # headers only
vcpkg_cmake_configure(
  SOURCE_PATH "${SOURCE_PATH}"
  OPTIONS
    -DSMTPREPLY_DEVELOPER_MODE=OFF
    -DSMTPREPLY_BUILD_EXAMPLES=OFF
    -DSMTPREPLY_BUILD_PYTHON=OFF
)
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(CONFIG_PATH share/cmake/smtpreply)
vcpkg_fixup_pkgconfig()

vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
