// smtpreply: version in one place. CMake and the Python build read these lines.
#ifndef SMTPREPLY_VERSION_HPP
#define SMTPREPLY_VERSION_HPP

#define SMTPREPLY_VERSION_MAJOR 0
#define SMTPREPLY_VERSION_MINOR 1
#define SMTPREPLY_VERSION_PATCH 0
#define SMTPREPLY_VERSION_STRING "0.1.0"

#endif  // SMTPREPLY_VERSION_HPP
