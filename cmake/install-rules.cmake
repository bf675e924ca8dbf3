# Install rules: headers, an exported target, a package config with version
# file (find_package(smtpreply CONFIG)), and a pkg-config file.
# GNUInstallDirs is included by the top-level CMakeLists.txt, before the target.
include(CMakePackageConfigHelpers)

set(SMTPREPLY_INSTALL_CMAKEDIR "${CMAKE_INSTALL_DATADIR}/cmake/smtpreply"
    CACHE STRING "Where the CMake package files go, relative to the prefix")
mark_as_advanced(SMTPREPLY_INSTALL_CMAKEDIR)

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        COMPONENT smtpreply_Development
        FILES_MATCHING PATTERN "*.hpp")
# The include path comes from the target's INSTALL_INTERFACE (no INCLUDES
# DESTINATION here, which would list it twice).
install(TARGETS smtpreply EXPORT smtpreplyTargets)
install(EXPORT smtpreplyTargets
        NAMESPACE smtpreply::
        DESTINATION "${SMTPREPLY_INSTALL_CMAKEDIR}"
        COMPONENT smtpreply_Development)

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/smtpreplyConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/smtpreplyConfig.cmake"
  INSTALL_DESTINATION "${SMTPREPLY_INSTALL_CMAKEDIR}")
if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.14)
  set(_smtpreply_arch_independent ARCH_INDEPENDENT)
endif()
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/smtpreplyConfigVersion.cmake"
  COMPATIBILITY SameMajorVersion ${_smtpreply_arch_independent})
install(FILES "${PROJECT_BINARY_DIR}/smtpreplyConfig.cmake"
              "${PROJECT_BINARY_DIR}/smtpreplyConfigVersion.cmake"
        DESTINATION "${SMTPREPLY_INSTALL_CMAKEDIR}"
        COMPONENT smtpreply_Development)

# pkg-config: header-only, so Cflags and no Libs.
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(SMTPREPLY_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(SMTPREPLY_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file("${PROJECT_SOURCE_DIR}/cmake/smtpreply.pc.in" "${PROJECT_BINARY_DIR}/smtpreply.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/smtpreply.pc"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/pkgconfig"
        COMPONENT smtpreply_Development)
