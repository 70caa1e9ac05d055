import Foundation
import ThorTuneCLI

exit(ThorTune.main(Array(CommandLine.arguments.dropFirst())))
